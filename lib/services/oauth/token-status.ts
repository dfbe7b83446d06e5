// Is a (signature-valid, unexpired) access token still good? Revocation is immediate wherever
// Gatehouse is asked: introspection and the demo MCP server call this on every request. A token
// dies with its jti (revoked), its client (disabled or deleted), its grant (refresh family revoked,
// consent revoked: the family cascades away with it) or its user (disabled). One round trip, on the
// hot path of every MCP call; on the embedded database a token already found active is answered
// from token-status-cache.ts, which every such change empties before the writer continues.
import type { AccessTokenClaims } from "@/lib/oauth/access-token";
import { CLIENT_SUBJECT_PREFIX } from "@/lib/oauth/access-token";
import { database, preparedRows, type PreparedStatement } from "@/lib/db/client";
import { dbOf, type ServiceContext } from "../context";
import { batchedStatus } from "./token-status-batch";
import { statusSelect, type StatusRow } from "./token-status-sql";
import { tokenStatusCache } from "./token-status-cache";

/** What the revocation check reads from an access token (also the verifier package's verified claims). */
type TokenStatusClaims = Pick<AccessTokenClaims, "jti" | "client_id" | "sub" | "fam">;

const STATUS_SQL = statusSelect("$1", "$2", "$3", "$4");

const STATUS: PreparedStatement = {
  name: "gatehouse_token_status",
  sql: STATUS_SQL,
  paramTypes: ["text", "text", "text", "text"],
};

export async function isAccessTokenActive(
  ctx: ServiceContext,
  serverId: string,
  claims: TokenStatusClaims,
): Promise<boolean> {
  const params = [claims.jti, serverId, claims.client_id, claims.fam ?? null];
  // An explicit handle (a test's database, an enclosing transaction) through Prisma, uncached.
  if (ctx.db) return isActive(await dbOf(ctx).$queryRawUnsafe<StatusRow[]>(STATUS_SQL, ...params), claims);
  // PostgreSQL: no memory (other instances change things too); concurrent checks share a query.
  const db = database();
  if (db.kind === "postgres") {
    const row = await batchedStatus({
      jti: claims.jti,
      serverId,
      clientId: claims.client_id,
      familyId: claims.fam ?? null,
    });
    return isActive(row ? [row] : [], claims);
  }
  // The embedded database: from memory when this token was found active since the last change,
  // else through the driver as a prepared statement (parsed and planned once per session).
  const cache = tokenStatusCache(db);
  const key = `${serverId}\n${claims.jti}\n${claims.client_id}\n${claims.fam ?? ""}\n${claims.sub}`;
  if (cache?.isKnownActive(key)) return true;
  const generation = cache?.generation();
  const active = isActive(await preparedRows<StatusRow>(STATUS, params), claims);
  if (active && cache && generation !== undefined) cache.rememberActive(key, generation);
  return active;
}

function isActive(rows: StatusRow[], claims: TokenStatusClaims): boolean {
  const s = rows[0];
  if (!s || s.denied || !s.client_row || s.client_disabled) return false;
  if (claims.sub.startsWith(CLIENT_SUBJECT_PREFIX)) return claims.fam === undefined;
  if (!s.fam_exists || s.fam_revoked || s.fam_client !== s.client_row || s.fam_user !== claims.sub) return false;
  return s.user_exists && s.user_disabled === null;
}
