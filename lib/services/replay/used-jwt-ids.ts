// Single-use JWT ids, shared by every instance through the database: client assertions
// (private_key_jwt) and ID-JAG assertions. The insert is the check: the primary key (kind,
// issuer, jti) lets only the first use insert, atomically, whichever instance sees it. Rows are
// swept once the JWT has expired (maintenance/sweep.ts).
import { dbOf, type ServiceContext } from "../context";

export type JwtIdKind = "client_assertion" | "id_jag";

/** Records the jti; false when (kind, issuer, jti) was used before (a replay). */
export async function consumeJti(
  ctx: ServiceContext,
  input: { kind: JwtIdKind; issuer: string; jti: string; expiresAt: Date },
): Promise<boolean> {
  // ON CONFLICT DO NOTHING, not a caught unique violation: inside a transaction (ctx.db a
  // transaction client, as the ID-JAG grant does) PostgreSQL would abort the whole transaction on
  // a failed INSERT. A concurrent insert of the same key waits for the first to commit, then
  // counts 0.
  const inserted = await dbOf(ctx).$executeRaw`
    INSERT INTO "UsedJwtId" ("kind", "issuer", "jti", "expiresAt")
    VALUES (${input.kind}, ${input.issuer}, ${input.jti}, ${input.expiresAt})
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

export async function sweepUsedJwtIds(ctx: ServiceContext, now: Date): Promise<number> {
  return (await dbOf(ctx).usedJwtId.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
