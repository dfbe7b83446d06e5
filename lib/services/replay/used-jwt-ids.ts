// Single-use JWT ids, shared by every instance through the database: client assertions
// (private_key_jwt) today, ID-JAG assertions next. The insert is the check: the primary key
// (kind, issuer, jti) makes a second use fail with a unique violation, atomically, whichever
// instance sees it. Rows are swept once the JWT has expired (maintenance/sweep.ts).
import { dbOf, type ServiceContext } from "../context";
import { uniqueViolationFields } from "../prisma-errors";

export type JwtIdKind = "client_assertion" | "id_jag";

/** Records the jti; false when (kind, issuer, jti) was used before (a replay). */
export async function consumeJti(
  ctx: ServiceContext,
  input: { kind: JwtIdKind; issuer: string; jti: string; expiresAt: Date },
): Promise<boolean> {
  try {
    await dbOf(ctx).usedJwtId.create({ data: input });
    return true;
  } catch (err) {
    if (uniqueViolationFields(err) !== undefined) return false;
    throw err;
  }
}

export async function sweepUsedJwtIds(ctx: ServiceContext, now: Date): Promise<number> {
  return (await dbOf(ctx).usedJwtId.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
