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

/**
 * Inserts the client, its audit event and (when the action is a webhook event) the outbox row.
 * Timestamps come from here, not from the database's CURRENT_TIMESTAMP, as Prisma's model calls do:
 * the columns are UTC wall-clock times without a zone, and a server's session TimeZone may not be UTC.
 */
export async function insertDynamicClient(
  tx: Prisma.TransactionClient,
  c: NewDynamicClient,
  audit: ReturnType<typeof auditRow>,
  event: OutboxRow | null,
): Promise<{ id: string; clientId: string; createdAt: Date }> {
  const now = new Date();
  const outbox = event
    ? Prisma.sql`, outbox AS (
        INSERT INTO "OutboxEvent" ("id", "type", "payload", "createdAt")
        VALUES (${event.id}, ${event.type}, ${json(event.payload)}::jsonb, ${now}))`
    : Prisma.empty;
  const [row] = await tx.$queryRaw<{ id: string; clientId: string; createdAt: Date }[]>`
    WITH client AS (
      INSERT INTO "OAuthClient" ("id", "serverId", "clientId", "name", "clientUri", "logoUri", "registration",
        "isConfidential", "dpopBoundAccessTokens", "tokenEndpointAuthMethod", "jwks", "jwksUri", "grantTypes",
        "redirectUris", "allowedScopes", "metadata", "softwareId", "approvalStatus", "secretHash", "secretLast4",
        "secretCreatedAt", "createdByLabel", "createdAt", "updatedAt")
      VALUES (${c.id}, ${c.serverId}, ${c.clientId}, ${c.name}, ${c.clientUri}, ${c.logoUri}, 'DYNAMIC',
        ${c.isConfidential}, ${c.dpopBoundAccessTokens}, ${c.tokenEndpointAuthMethod}, ${json(c.jwks)}::jsonb,
        ${c.jwksUri}, ${c.grantTypes}::text[], ${c.redirectUris}::text[], ${c.allowedScopes}::text[],
        ${json(c.metadata)}::jsonb, ${c.softwareId}, ${c.approvalStatus}::"ApprovalStatus", ${c.secretHash},
        ${c.secretLast4}, ${c.secretHash === null ? null : now}, ${c.createdByLabel}, ${now}, ${now})
      RETURNING "id", "clientId", "createdAt"
    ), audit AS (
      INSERT INTO "AuditEvent" ("id", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId",
        "targetLabel", "serverId", "ip", "userAgent", "requestId", "details", "createdAt")
      VALUES (${audit.id}, ${audit.actorType}::"ActorType", ${audit.actorId}, ${audit.actorLabel}, ${audit.action},
        ${audit.targetType}, ${audit.targetId}, ${audit.targetLabel}, ${audit.serverId}, ${audit.ip},
        ${audit.userAgent}, ${audit.requestId}, ${json(audit.details)}::jsonb, ${now})
    )${outbox}
    SELECT "id", "clientId", "createdAt" FROM client`;
  return row!;
}
