// Token Status Lists per MCP server (lib/oauth/status-list.ts has the format). Each access token gets
// a random free index in the server's open list (random, so an index says nothing about who got a
// token when, §12 of the draft); the list's bits are never stored but derived from the database
// each time the list is built (statusListInvalid below), so every change that ends a token — a
// revoked jti, consent, family or reused refresh token, a disabled or deleted client, a disabled
// user — is in the list as soon as its own transaction commits, and a crash cannot lose a flip.
// A built token is kept for at most a second per process, so a resource server sees a revocation
// within the list's ttl plus one second.
import { createHash, randomInt } from "node:crypto";
import { preparedRows, type PreparedStatement } from "@/lib/db/client";
import { arrayLiteral } from "@/lib/db/sql-literal";
import { newId } from "@/lib/ids";
import { OAuthError } from "@/lib/oauth/errors";
import { signStatusListToken, statusClaim } from "@/lib/oauth/status-list";
import { dbOf, type ServiceContext } from "../context";
import { isForeignKeyViolation } from "../prisma-errors";
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
      const entry: Entry = {
        listId: list.id,
        idx: randomInt(STATUS_LIST_CAPACITY),
        jti: token.jti,
        clientRowId: token.clientRowId,
        familyId: token.familyId ?? null,
      };
      // Inside a transaction (ctx.db) the row must belong to it; otherwise concurrent tokens share
      // one multi-row INSERT, awaited before the token is handed out (a crash cannot lose an entry).
      const inserted = ctx.db ? await insertEntry(db, entry) : await batchedInsert(db, entry);
      if (inserted) return statusClaim(statusListUri(server, list.id), entry.idx);
    }
    // Taken picks in a row (or the list was closed elsewhere): close it and open another.
    await db.statusList.updateMany({ where: { id: list.id, closedAt: null }, data: { closedAt: now } });
    openLists.delete(server.id);
  }
  throw new Error("No free status list index after three lists.");
}

interface Entry {
  listId: string;
  idx: number;
  jti: string;
  clientRowId: string;
  familyId: string | null;
}

type Db = ReturnType<typeof dbOf>;

const ENTRY_COLUMNS = `"listId", "idx", "jti", "clientId", "userBound", "familyId"`;
/**
 * Only into a list that is still open; a taken index is skipped (the caller picks another). One
 * statement text for any number of rows (columns as arrays): parsed and planned the same way each
 * time, and about a quarter cheaper per row than a VALUES list on PGlite.
 */
const INSERT_SQL = `INSERT INTO "StatusListEntry" (${ENTRY_COLUMNS})
   SELECT v."listId", v."idx", v."jti", v."clientId", v."familyId" IS NOT NULL, v."familyId"
     FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS v("listId", "idx", "jti", "clientId", "familyId")
    WHERE EXISTS (SELECT 1 FROM "StatusList" s WHERE s."id" = v."listId" AND s."closedAt" IS NULL)
   ON CONFLICT DO NOTHING RETURNING "listId", "idx"`;
/** The batch insert, prepared once per session (its parse and plan were a third of its cost). */
const INSERT_BATCH: PreparedStatement = {
  name: "gatehouse_status_list_entries",
  sql: INSERT_SQL,
  paramTypes: ["text[]", "int[]", "text[]", "text[]", "text[]"],
};
const columnsOf = (entries: Entry[]) => [
  entries.map((e) => e.listId),
  entries.map((e) => e.idx),
  entries.map((e) => e.jti),
  entries.map((e) => e.clientRowId),
  entries.map((e) => e.familyId),
];

async function insertEntry(db: Db, entry: Entry): Promise<boolean> {
  try {
    const rows = await db.$queryRawUnsafe<unknown[]>(INSERT_SQL, ...columnsOf([entry]));
    return rows.length > 0;
  } catch (err) {
    // The client or authorization was deleted meanwhile: the token would be born revoked.
    if (isForeignKeyViolation(err))
      throw new OAuthError("invalid_grant", "The authorization was revoked while the token was being issued.");
    throw err;
  }
}

/**
 * Token requests arriving together: one INSERT for all of them (a group commit). While one INSERT
 * runs, the entries that arrive wait and go in the next, started as soon as it ends; when none
 * runs, the queue is written on the next turn of the event loop. Each statement is a commit (on
 * PGlite, WASM execution and a WAL write): at 16 concurrent token requests, writing a batch per
 * turn of the event loop spent about as much on the database as on everything else a token costs.
 */
const MAX_BATCH = 500;
let queue: { db: Db; entry: Entry; done: (inserted: Promise<boolean>) => void }[] = [];
let inserting = false;

function batchedInsert(db: Db, entry: Entry): Promise<boolean> {
  return new Promise<Promise<boolean>>((done) => {
    queue.push({ db, entry, done });
    if (queue.length >= MAX_BATCH) flushEntries();
    else if (queue.length === 1 && !inserting) setImmediate(flushEntries);
  }).then((p) => p);
}

function flushEntries(): void {
  const batch = queue;
  queue = [];
  if (batch.length === 0) return;
  inserting = true;
  const db = batch[0]!.db;
  // An index picked twice in one batch would be inserted once and claimed twice: the later pick retries.
  const seen = new Set<string>();
  const unique = batch.filter(({ entry, done }) => {
    const key = `${entry.listId}\n${entry.idx}`;
    if (seen.has(key)) {
      done(Promise.resolve(false));
      return false;
    }
    seen.add(key);
    return true;
  });
  const insert = preparedRows<{ listId: string; idx: number }>(
    INSERT_BATCH,
    columnsOf(unique.map((u) => u.entry)).map(arrayLiteral),
  ).then((rows) => new Set(rows.map((r) => `${r.listId}\n${r.idx}`)));
  // The next batch starts when this one has ended, however it ended.
  void insert.then(afterInsert, afterInsert);
  for (const { entry, done } of unique) {
    done(
      insert.then(
        (inserted) => inserted.has(`${entry.listId}\n${entry.idx}`),
        // One bad row (a client deleted meanwhile) fails the statement: each then goes on its own.
        () => insertEntry(db, entry),
      ),
    );
  }
}

function afterInsert(): void {
  inserting = false;
  if (queue.length > 0) flushEntries();
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
