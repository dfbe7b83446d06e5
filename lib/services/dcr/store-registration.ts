// The two statements of a dynamic registration's transaction, in SQL: find an identical public
// client, and insert the new client together with its audit event and webhook event. Written by
// hand because registration is a protocol endpoint that clients hit in bursts (issue 17): each
// Prisma model call compiles a query plan (≈1 ms of CPU with the query compiler), and the three
// inserts as one statement make one round trip instead of three. Same rows as the model calls;
// tests in register-client.test.ts and dcr tests read them back through Prisma.
import { Prisma } from "@/lib/db/generated/prisma/client";
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

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** What the registration's statement stored: a new client, or the identical public client it found. */
export type StoredRegistration =
  | { kind: "created"; id: string; clientId: string; createdAt: Date }
  | { kind: "existing"; id: string; clientId: string; createdAt: Date; metadata: unknown };

/**
 * Inserts the client, its audit event and (when the action is a webhook event) the outbox row, in
 * one statement. With `identical` (a public registration), it first looks for an enabled public DCR
 * client of the server with the same identity and registered scope (the oldest, by id), and when
 * there is one inserts nothing and returns it: one statement instead of a lookup and an insert.
 * Concurrent identical registrations must be serialised by the caller (an advisory lock in the
 * transaction, or PGlite's single session).
 * Timestamps come from here, not from the database's CURRENT_TIMESTAMP, as Prisma's model calls do:
 * the columns are UTC wall-clock times without a zone, and a server's session TimeZone may not be UTC.
 */
export async function insertDynamicClient(
  tx: Prisma.TransactionClient,
  c: NewDynamicClient,
  audit: ReturnType<typeof auditRow>,
  event: OutboxRow | null,
  identical?: PublicIdentity & { scope: string | undefined },
): Promise<StoredRegistration> {
  const now = new Date();
  const existing = identical
    ? Prisma.sql`existing AS (
        SELECT "id", "clientId", "createdAt", "metadata" FROM "OAuthClient"
         WHERE "serverId" = ${c.serverId} AND "name" = ${identical.name}
           AND "registration" = 'DYNAMIC' AND "isConfidential" = false AND "tokenEndpointAuthMethod" = 'none'
           AND "disabledAt" IS NULL
           AND "softwareId" IS NOT DISTINCT FROM ${identical.softwareId}
           AND "redirectUris" = ${identical.redirectUris}::text[] AND "grantTypes" = ${identical.grantTypes}::text[]
           AND ("metadata"->>'scope') IS NOT DISTINCT FROM ${identical.scope ?? null}::text
         ORDER BY "id" ASC LIMIT 1
      ),`
    : Prisma.empty;
  const unlessExisting = identical ? Prisma.sql`WHERE NOT EXISTS (SELECT 1 FROM existing)` : Prisma.empty;
  const outbox = event
    ? Prisma.sql`, outbox AS (
        INSERT INTO "OutboxEvent" ("id", "type", "payload", "createdAt")
        SELECT ${event.id}::text, ${event.type}::text, ${json(event.payload)}::jsonb, ${now}::timestamp(3) FROM client)`
    : Prisma.empty;
  const found = identical
    ? Prisma.sql`UNION ALL SELECT 'existing', "id", "clientId", "createdAt", "metadata" FROM existing`
    : Prisma.empty;
  // SELECT lists instead of VALUES (so that nothing is inserted when an identical client exists):
  // every parameter is cast, since a SELECT list does not take its types from the target columns.
  const rows = await tx.$queryRaw<(StoredRegistration & { metadata: unknown })[]>`
    WITH ${existing} client AS (
      INSERT INTO "OAuthClient" ("id", "serverId", "clientId", "name", "clientUri", "logoUri", "registration",
        "isConfidential", "dpopBoundAccessTokens", "tokenEndpointAuthMethod", "jwks", "jwksUri", "grantTypes",
        "redirectUris", "allowedScopes", "metadata", "softwareId", "approvalStatus", "secretHash", "secretLast4",
        "secretCreatedAt", "createdByLabel", "createdAt", "updatedAt")
      SELECT ${c.id}::text, ${c.serverId}::text, ${c.clientId}::text, ${c.name}::text, ${c.clientUri}::text,
        ${c.logoUri}::text, 'DYNAMIC'::"ClientRegistration", ${c.isConfidential}::boolean, ${c.dpopBoundAccessTokens}::boolean,
        ${c.tokenEndpointAuthMethod}::text, ${json(c.jwks)}::jsonb, ${c.jwksUri}::text, ${c.grantTypes}::text[],
        ${c.redirectUris}::text[], ${c.allowedScopes}::text[], ${json(c.metadata)}::jsonb, ${c.softwareId}::text,
        ${c.approvalStatus}::"ApprovalStatus", ${c.secretHash}::text, ${c.secretLast4}::text,
        ${c.secretHash === null ? null : now}::timestamp(3), ${c.createdByLabel}::text, ${now}::timestamp(3),
        ${now}::timestamp(3)
      ${unlessExisting}
      RETURNING "id", "clientId", "createdAt"
    ), audit AS (
      INSERT INTO "AuditEvent" ("id", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId",
        "targetLabel", "serverId", "ip", "userAgent", "requestId", "details", "createdAt")
      SELECT ${audit.id}::text, ${audit.actorType}::"ActorType", ${audit.actorId}::text, ${audit.actorLabel}::text,
        ${audit.action}::text, ${audit.targetType}::text, ${audit.targetId}::text, ${audit.targetLabel}::text,
        ${audit.serverId}::text, ${audit.ip}::text, ${audit.userAgent}::text, ${audit.requestId}::text,
        ${json(audit.details)}::jsonb, ${now}::timestamp(3) FROM client
    )${outbox}
    SELECT 'created' AS "kind", "id", "clientId", "createdAt", NULL::jsonb AS "metadata" FROM client
    ${found}`;
  const row = rows[0]!;
  return row.kind === "created"
    ? { kind: "created", id: row.id, clientId: row.clientId, createdAt: row.createdAt }
    : row;
}
