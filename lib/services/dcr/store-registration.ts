// The two statements of a dynamic registration's transaction, in SQL: find an identical public
// client, and insert the new client together with its audit event and webhook event. Written by
// hand because registration is a protocol endpoint that clients hit in bursts (issue 17): each
// Prisma model call compiles a query plan (≈1 ms of CPU with the query compiler), and the three
// inserts as one statement make one round trip instead of three. Same rows as the model calls;
// tests in register-client.test.ts and dcr tests read them back through Prisma.
import { database, isDroppedStatement, preparedRows, type PreparedStatement } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { arrayLiteral } from "@/lib/db/sql-literal";
import type { auditRow } from "../audit/record-audit";
import type { OAuthClientRecord } from "../oauth/oauth-client";
import type { OutboxRow } from "../webhooks/outbox";

export interface PublicIdentity {
  name: string;
  softwareId: string | null;
  redirectUris: string[];
  grantTypes: string[];
}

export interface IdenticalCandidate {
  id: string;
  clientId: string;
  createdAt: Date;
  metadata: unknown;
}

/**
 * Up to 50 enabled public DCR clients of the server with this identity, by id (the
 * (serverId, name, id) index answers it without scanning the server's clients).
 */
export function findIdenticalPublicCandidates(
  tx: Prisma.TransactionClient,
  serverId: string,
  identity: PublicIdentity,
): Promise<IdenticalCandidate[]> {
  return tx.$queryRaw<IdenticalCandidate[]>`
    SELECT "id", "clientId", "createdAt", "metadata" FROM "OAuthClient"
     WHERE "serverId" = ${serverId} AND "name" = ${identity.name}
       AND "registration" = 'DYNAMIC' AND "isConfidential" = false AND "tokenEndpointAuthMethod" = 'none'
       AND "disabledAt" IS NULL
       AND "softwareId" IS NOT DISTINCT FROM ${identity.softwareId}
       AND "redirectUris" = ${identity.redirectUris}::text[] AND "grantTypes" = ${identity.grantTypes}::text[]
     ORDER BY "id" ASC LIMIT 50`;
}

/** The new client's columns: those the protocol endpoints read (OAuthClientRecord), and the rest. */
export type NewDynamicClient = Pick<
  OAuthClientRecord,
  | "id"
  | "serverId"
  | "clientId"
  | "name"
  | "logoUri"
  | "isConfidential"
  | "dpopBoundAccessTokens"
  | "tokenEndpointAuthMethod"
  | "jwks"
  | "jwksUri"
  | "grantTypes"
  | "redirectUris"
  | "allowedScopes"
  | "secretHash"
  | "approvalStatus"
> & {
  clientUri: string | null;
  metadata: Record<string, unknown>;
  softwareId: string | null;
  secretLast4: string | null;
  createdByLabel: string;
};

/** What the registration's statement stored: a new client, or the identical public client it found. */
export type StoredRegistration =
  | { kind: "created"; id: string; clientId: string; createdAt: Date }
  | { kind: "existing"; id: string; clientId: string; createdAt: Date; metadata: unknown };

/** Builds a statement's text and parameters together: `add` returns the cast placeholder `$n::type`. */
function statementBuilder() {
  const params: (string | null)[] = [];
  const paramTypes: string[] = [];
  const add = (value: string | null, type: string) => {
    params.push(value);
    paramTypes.push(type);
    return `$${params.length}::${type}`;
  };
  return { params, paramTypes, add };
}

const jsonText = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Inserts the client, its audit event and (when the action is a webhook event) the outbox row, in
 * one statement. With `identical` (a public registration), it first looks for an enabled public DCR
 * client of the server with the same identity and registered scope (the oldest, by id), and when
 * there is one inserts nothing and returns it: one statement instead of a lookup and an insert.
 * Concurrent identical registrations must be serialised by the caller (an advisory lock in the
 * transaction, or PGlite's single session).
 *
 * The text is fixed for each shape (public or not, webhook event or not), with every parameter
 * cast (a SELECT list does not take its types from the target columns), so that `run` can prepare
 * it once per session (runPrepared: planning the CTE was most of a registration's cost on PGlite)
 * or run it in a transaction (runInTransaction, runLocked). Timestamps come from here, not from the
 * database's CURRENT_TIMESTAMP, as Prisma's model calls do: the columns are UTC wall-clock times
 * without a zone, and a server's session TimeZone may not be UTC.
 */
export async function insertDynamicClient(
  run: RunStatement,
  c: NewDynamicClient,
  audit: ReturnType<typeof auditRow>,
  event: OutboxRow | null,
  identical: (PublicIdentity & { scope: string | undefined }) | undefined,
): Promise<StoredRegistration> {
  const now = new Date().toISOString();
  const { params, paramTypes, add } = statementBuilder();
  const existing = identical
    ? `existing AS (
        SELECT "id", "clientId", "createdAt", "metadata" FROM "OAuthClient"
         WHERE "serverId" = ${add(c.serverId, "text")} AND "name" = ${add(identical.name, "text")}
           AND "registration" = 'DYNAMIC' AND "isConfidential" = false AND "tokenEndpointAuthMethod" = 'none'
           AND "disabledAt" IS NULL AND "softwareId" IS NOT DISTINCT FROM ${add(identical.softwareId, "text")}
           AND "redirectUris" = ${add(arrayLiteral(identical.redirectUris), "text[]")}
           AND "grantTypes" = ${add(arrayLiteral(identical.grantTypes), "text[]")}
           AND ("metadata"->>'scope') IS NOT DISTINCT FROM ${add(identical.scope ?? null, "text")}
         ORDER BY "id" ASC LIMIT 1
      ),`
    : "";
  const created = add(now, "timestamp(3)");
  const texts = (...values: (string | null)[]) => values.map((v) => add(v, "text"));
  const client = [
    ...texts(c.id, c.serverId, c.clientId, c.name, c.clientUri, c.logoUri),
    `'DYNAMIC'::"ClientRegistration"`,
    add(String(c.isConfidential), "boolean"),
    add(String(c.dpopBoundAccessTokens), "boolean"),
    add(c.tokenEndpointAuthMethod, "text"),
    add(jsonText(c.jwks), "jsonb"),
    add(c.jwksUri, "text"),
    add(arrayLiteral(c.grantTypes), "text[]"),
    add(arrayLiteral(c.redirectUris), "text[]"),
    add(arrayLiteral(c.allowedScopes), "text[]"),
    add(jsonText(c.metadata), "jsonb"),
    add(c.softwareId, "text"),
    add(c.approvalStatus, `"ApprovalStatus"`),
    add(c.secretHash, "text"),
    add(c.secretLast4, "text"),
    add(c.secretHash === null ? null : now, "timestamp(3)"),
    add(c.createdByLabel, "text"),
    created,
    created,
  ];
  const auditValues = [
    add(audit.id, "text"),
    add(audit.actorType, `"ActorType"`),
    ...texts(audit.actorId, audit.actorLabel, audit.action, audit.targetType, audit.targetId, audit.targetLabel),
    ...texts(audit.serverId, audit.ip, audit.userAgent, audit.requestId),
    add(jsonText(audit.details), "jsonb"),
    created,
  ];
  const outbox = event
    ? `, outbox AS (
        INSERT INTO "OutboxEvent" ("id", "type", "payload", "createdAt")
        SELECT ${add(event.id, "text")}, ${add(event.type, "text")},
          ${add(jsonText(event.payload), "jsonb")}, ${created} FROM client)`
    : "";
  const sql = `WITH ${existing} client AS (
      INSERT INTO "OAuthClient" ("id", "serverId", "clientId", "name", "clientUri", "logoUri", "registration",
        "isConfidential", "dpopBoundAccessTokens", "tokenEndpointAuthMethod", "jwks", "jwksUri", "grantTypes",
        "redirectUris", "allowedScopes", "metadata", "softwareId", "approvalStatus", "secretHash", "secretLast4",
        "secretCreatedAt", "createdByLabel", "createdAt", "updatedAt")
      SELECT ${client.join(", ")}
      ${identical ? "WHERE NOT EXISTS (SELECT 1 FROM existing)" : ""}
      RETURNING "id", "clientId", "createdAt"
    ), audit AS (
      INSERT INTO "AuditEvent" ("id", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId",
        "targetLabel", "serverId", "ip", "userAgent", "requestId", "details", "createdAt")
      SELECT ${auditValues.join(", ")} FROM client
    )${outbox}
    SELECT 'created' AS "kind", "id", "clientId", ${ISO("createdAt")}, NULL::jsonb AS "metadata" FROM client
    ${identical ? `UNION ALL SELECT 'existing', "id", "clientId", ${ISO("createdAt")}, "metadata" FROM existing` : ""}`;
  const statement: PreparedStatement = {
    name: `gatehouse_dcr_insert_${identical ? "public" : "any"}${event ? "_event" : ""}`,
    sql,
    paramTypes,
  };
  const [row] = await run<{
    kind: "created" | "existing";
    id: string;
    clientId: string;
    createdAt: string;
    metadata: unknown;
  }>(statement, params);
  const createdAt = new Date(row!.createdAt);
  return row!.kind === "created"
    ? { kind: "created", id: row!.id, clientId: row!.clientId, createdAt }
    : { kind: "existing", id: row!.id, clientId: row!.clientId, createdAt, metadata: row!.metadata };
}

/** The stored UTC time as ISO 8601 text: every driver returns it alike (pg would read it as local time). */
const ISO = (column: string) => `to_char("${column}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${column}"`;

/** Runs the registration statement: prepared, in a Prisma transaction, or on a raw connection. */
export type RunStatement = <T>(statement: PreparedStatement, params: (string | null)[]) => Promise<T[]>;

export const runPrepared: RunStatement = (statement, params) => preparedRows(statement, params);

export const runInTransaction =
  (tx: Prisma.TransactionClient): RunStatement =>
  (statement, params) =>
    tx.$queryRawUnsafe(statement.sql, ...params);

/**
 * PostgreSQL: the statement in a transaction of its own on a pooled connection, after the advisory
 * lock `lock` (identical public registrations take turns; the statement's snapshot, taken after
 * the lock, sees the one before). Straight on the driver, the statement prepared once per
 * connection: Prisma's interactive transaction cost more CPU than the registration itself, and
 * planning the statement while holding the lock made identical registrations queue behind it.
 */
export function runLocked(lock: bigint): RunStatement {
  const attempt = <T>(statement: PreparedStatement, params: (string | null)[]) =>
    database().withConnection(async (conn) => {
      await conn.query("BEGIN");
      try {
        await conn.query("SELECT pg_advisory_xact_lock($1::bigint)", [lock.toString()]);
        const rows = await conn.query<T>(statement.sql, params, statement.name);
        await conn.query("COMMIT");
        return rows;
      } catch (err) {
        await conn.query("ROLLBACK").catch(() => undefined);
        throw err;
      }
    });
  // A connection whose named statement the server dropped is retired by withConnection: once more
  // on another connection, which prepares it afresh.
  return async <T>(statement: PreparedStatement, params: (string | null)[]) => {
    try {
      return await attempt<T>(statement, params);
    } catch (err) {
      if (!isDroppedStatement(err)) throw err;
      return attempt<T>(statement, params);
    }
  };
}
