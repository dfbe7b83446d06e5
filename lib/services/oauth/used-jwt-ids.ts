// Single use of signed assertions (RFC 7523 §3 item 7, SEP-990 `jti`): the first request that
// presents a (kind, issuer, jti) inserts it; a second one, on any instance, hits the primary key.
// Kept until the assertion's own expiry (plus the clock skew it was accepted with), then swept.
import type { Prisma } from "@/lib/db/generated/prisma/client";

export type JwtIdKind = "id_jag" | "client_assertion";

/** Keep a jti this long past exp: an assertion accepted within the skew must stay refused. */
const SKEW_MS = 60_000;

/** True when this jti was not used before (and is now recorded); false on a replay. */
export async function consumeJwtId(
  tx: Prisma.TransactionClient,
  entry: { kind: JwtIdKind; issuer: string; jti: string; expiresAt: Date },
): Promise<boolean> {
  // ON CONFLICT DO NOTHING keeps the surrounding transaction usable on PostgreSQL (a failed INSERT
  // would abort it); the row count says whether this request was first. A concurrent insert of the
  // same key waits for the first transaction to commit and then counts 0.
  const inserted = await tx.$executeRaw`
    INSERT INTO "UsedJwtId" ("kind", "issuer", "jti", "expiresAt")
    VALUES (${entry.kind}, ${entry.issuer}, ${entry.jti}, ${new Date(entry.expiresAt.getTime() + SKEW_MS)})
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}
