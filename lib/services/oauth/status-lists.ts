// Token Status Lists per MCP server (lib/oauth/status-list.ts has the format). Each access token gets
// a random free index in the server's open list (random, so an index says nothing about who got a
// token when, §12 of the draft); the list's bits are never stored but derived from the database
// each time the list is built (statusListInvalid below), so every change that ends a token — a
// revoked jti, consent, family or reused refresh token, a disabled or deleted client, a disabled
// user — is in the list as soon as its own transaction commits, and a crash cannot lose a flip.
// A built token is kept for at most a second per process, so a resource server sees a revocation
// within the list's ttl plus one second.
import { createHash, randomInt } from "node:crypto";
import { newId } from "@/lib/ids";
import { OAuthError } from "@/lib/oauth/errors";
import { signStatusListToken, statusClaim } from "@/lib/oauth/status-list";
import { dbOf, type ServiceContext } from "../context";
import type { OAuthServer } from "./oauth-server";
import { activeSigningKey } from "./signing-keys";

/** 2^21 bits (256 KiB before compression): about a million tokens before a list closes. */
export const STATUS_LIST_CAPACITY = 2 ** 21;
/** A list stops taking tokens after a day, so lists (and their rows) can be deleted a day later. */
export const STATUS_LIST_OPEN_MS = 24 * 3600 * 1000;
/** Random picks that may hit a taken index before the list counts as full (at half full, 1 in 256). */
const PICKS = 8;
const BUILT_CACHE_MS = 1_000;

export function statusListUri(server: Pick<OAuthServer, "issuer">, listId: string): string {
  return `${server.issuer}/status-lists/${listId}`;
}

const openLists = new Map<string, { id: string; createdAt: number }>();

async function openList(ctx: ServiceContext, serverId: string, now: Date): Promise<{ id: string; createdAt: number }> {
  const cached = ctx.db ? undefined : openLists.get(serverId);
  if (cached && now.getTime() - cached.createdAt < STATUS_LIST_OPEN_MS) return cached;
  const db = dbOf(ctx);
  const found = await db.statusList.findFirst({
    where: { serverId, closedAt: null, createdAt: { gt: new Date(now.getTime() - STATUS_LIST_OPEN_MS) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true },
  });
  const row =
    found ??
    (await db.statusList.create({
      data: { id: newId("statusList"), serverId, capacity: STATUS_LIST_CAPACITY, createdAt: now },
      select: { id: true, createdAt: true },
    }));
  const list = { id: row.id, createdAt: row.createdAt.getTime() };
  if (!ctx.db) openLists.set(serverId, list);
  return list;
}

/**
 * A place for a new access token in the server's open list, as its `status` claim. A token of a
 * client or authorization deleted meanwhile is refused (the foreign keys say so): it would be born
 * revoked.
 */
export async function allocateStatus(
  ctx: ServiceContext,
  server: Pick<OAuthServer, "id" | "issuer">,
  token: { jti: string; clientRowId: string; familyId: string | undefined },
  now: Date,
): Promise<{ status_list: { idx: number; uri: string } }> {
  const db = dbOf(ctx);
  for (let round = 0; round < 3; round++) {
    const list = await openList(ctx, server.id, now);
    for (let pick = 0; pick < PICKS; pick++) {
      const idx = randomInt(STATUS_LIST_CAPACITY);
      let rows: { idx: number }[];
      try {
        rows = await db.$queryRawUnsafe<{ idx: number }[]>(
          `INSERT INTO "StatusListEntry" ("listId", "idx", "jti", "clientId", "userBound", "familyId")
           SELECT $1, $2, $3, $4, $5, $6
            WHERE EXISTS (SELECT 1 FROM "StatusList" WHERE "id" = $1 AND "closedAt" IS NULL)
           ON CONFLICT DO NOTHING RETURNING "idx"`,
          list.id,
          idx,
          token.jti,
          token.clientRowId,
          token.familyId !== undefined,
          token.familyId ?? null,
        );
      } catch (err) {
        if (/foreign key/i.test(String((err as Error).message)))
          throw new OAuthError("invalid_grant", "The authorization was revoked while the token was being issued.");
        throw err;
      }
      if (rows.length > 0) return statusClaim(statusListUri(server, list.id), idx);
    }
    // Taken picks in a row (or the list was closed elsewhere): close it and open another.
    await db.statusList.updateMany({ where: { id: list.id, closedAt: null }, data: { closedAt: now } });
    openLists.delete(server.id);
  }
  throw new Error("No free status list index after three lists.");
}

/**
 * The INVALID indexes of a list, from the state that decides a token's status (token-status-sql.ts):
 * each branch starts from what ended tokens and follows an index to the list's entries, so the cost
 * grows with the revoked tokens, not with the list. Users are never deleted (only disabled).
 */
const INVALID_SQL = `
  SELECT e."idx" FROM "StatusListEntry" e JOIN "RevokedAccessToken" r ON r."jti" = e."jti" WHERE e."listId" = $1
  UNION SELECT e."idx" FROM "StatusListEntry" e WHERE e."listId" = $1 AND e."clientId" IS NULL
  UNION SELECT e."idx" FROM "StatusListEntry" e WHERE e."listId" = $1 AND e."userBound" AND e."familyId" IS NULL
  UNION SELECT e."idx" FROM "StatusListEntry" e JOIN "OAuthClient" c ON c."id" = e."clientId"
         WHERE e."listId" = $1 AND c."disabledAt" IS NOT NULL
  UNION SELECT e."idx" FROM "StatusListEntry" e JOIN "RefreshFamily" f ON f."id" = e."familyId"
         WHERE e."listId" = $1 AND f."revokedAt" IS NOT NULL
  UNION SELECT e."idx" FROM "StatusListEntry" e JOIN "RefreshFamily" f ON f."id" = e."familyId"
         JOIN "User" u ON u."id" = f."userId" WHERE e."listId" = $1 AND u."disabledAt" IS NOT NULL`;

export async function statusListInvalid(ctx: ServiceContext, listId: string): Promise<number[]> {
  const rows = await dbOf(ctx).$queryRawUnsafe<{ idx: number }[]>(INVALID_SQL, listId);
  return rows.map((r) => Number(r.idx));
}

export interface BuiltStatusList {
  jwt: string;
  etag: string;
  ttl: number;
}

const built = new Map<string, { at: number; value: Promise<BuiltStatusList | null> }>();

/** The signed Status List Token of one of the server's lists, or null when there is no such list. */
export function statusListToken(
  ctx: ServiceContext,
  server: Pick<OAuthServer, "id" | "issuer" | "statusListTtl">,
  listId: string,
  now = new Date(),
): Promise<BuiltStatusList | null> {
  const key = `${server.id}\n${listId}`;
  const hit = ctx.db ? undefined : built.get(key);
  if (hit && now.getTime() - hit.at < BUILT_CACHE_MS) return hit.value;
  const value = buildStatusList(ctx, server, listId, now);
  if (!ctx.db) {
    built.set(key, { at: now.getTime(), value });
    value.catch(() => built.delete(key));
  }
  return value;
}

async function buildStatusList(
  ctx: ServiceContext,
  server: Pick<OAuthServer, "id" | "issuer" | "statusListTtl">,
  listId: string,
  now: Date,
): Promise<BuiltStatusList | null> {
  const list = await dbOf(ctx).statusList.findFirst({
    where: { id: listId, serverId: server.id },
    select: { capacity: true },
  });
  if (!list) return null;
  const invalid = await statusListInvalid(ctx, listId);
  const jwt = signStatusListToken(
    {
      uri: statusListUri(server, listId),
      capacity: list.capacity,
      invalid,
      iat: Math.floor(now.getTime() / 1000),
      ttl: server.statusListTtl,
    },
    await activeSigningKey(ctx),
  );
  // The bits decide the tag, not iat: an unchanged list answers 304 to a conditional request.
  const etag = `"${createHash("sha256")
    .update(invalid.sort((a, b) => a - b).join(","))
    .digest("base64url")
    .slice(0, 22)}"`;
  return { jwt, etag, ttl: server.statusListTtl };
}

/** The server's lists that may still matter (not yet deleted), for the aggregation endpoint (§9.3). */
export async function statusListUris(
  ctx: ServiceContext,
  server: Pick<OAuthServer, "id" | "issuer">,
): Promise<string[]> {
  const rows = await dbOf(ctx).statusList.findMany({
    where: { serverId: server.id },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return rows.map((r) => statusListUri(server, r.id));
}

/**
 * Maintenance: lists open for a day stop taking tokens, and a list closed longer ago than the
 * longest access-token lifetime (a day) holds only expired tokens: it is deleted with its entries.
 */
export async function sweepStatusLists(ctx: ServiceContext, now = new Date()): Promise<number> {
  const db = dbOf(ctx);
  await db.statusList.updateMany({
    where: { closedAt: null, createdAt: { lte: new Date(now.getTime() - STATUS_LIST_OPEN_MS) } },
    data: { closedAt: now },
  });
  const { count } = await db.statusList.deleteMany({
    where: { closedAt: { lte: new Date(now.getTime() - 86_400_000 - 60_000) } },
  });
  return count;
}
