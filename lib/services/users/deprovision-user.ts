// Deprovisioning: an employee has left (SCIM `active:false` or DELETE, or an admin acting for the
// security team). In one transaction with its audit event the user is disabled, every consent goes
// (and with it, by cascade, every refresh-token family on every MCP server: access tokens carry their
// family id, so introspection and the demo MCP server refuse them at once), and the session version
// moves on so dashboard sessions end. Re-activation (reactivateUser) restores sign-in, not consents.
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { NotFoundError } from "../errors";
import { deleteConsents } from "../consents/revoke-consents";
import { withTx } from "../transaction";

export interface DeprovisionResult {
  userId: string;
  email: string;
  revokedConsents: number;
  /** False when the user was already disabled and had nothing left to revoke. */
  changed: boolean;
}

/** Inside the caller's transaction (SCIM verbs disable and update attributes together). */
export async function deprovisionUserInTx(
  tx: Prisma.TransactionClient,
  ctx: ServiceContext,
  userId: string,
  reason: string,
): Promise<DeprovisionResult> {
  // The user row first: a concurrent refresh or code redemption that has not yet read the user
  // either committed before (and its family is deleted below) or reads the user disabled after.
  const locked = await tx.$queryRaw<
    { id: string; email: string; disabledAt: Date | null }[]
  >`SELECT "id", "email", "disabledAt" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
  const user = locked[0];
  if (!user) throw new NotFoundError("User");
  await tx.user.update({
    where: { id: userId },
    data: { disabledAt: user.disabledAt ?? new Date(), sessionVersion: { increment: 1 } },
  });
  const revoked = await deleteConsents(tx, ctx, { userId }, reason);
  const changed = !user.disabledAt || revoked.length > 0;
  if (changed) {
    await recordAudit(tx, ctx, {
      action: "user.deprovisioned",
      target: { type: "user", id: user.id, label: user.email },
      details: { userId: user.id, email: user.email, reason, revokedConsents: revoked.length },
    });
  }
  return { userId: user.id, email: user.email, revokedConsents: revoked.length, changed };
}

export async function deprovisionUser({
  ctx,
  userId,
  reason = "deprovisioned_by_admin",
}: {
  ctx: ServiceContext;
  userId: string;
  reason?: string;
}): Promise<DeprovisionResult> {
  requirePermission(ctx, "users.disable");
  requirePermission(ctx, "consents.revoke");
  return withTx(ctx, (tx) => deprovisionUserInTx(tx, ctx, userId, reason));
}

/** Re-activation: sign-in works again; consents and tokens stay gone (the next authorization asks). */
export async function reactivateUserInTx(
  tx: Prisma.TransactionClient,
  ctx: ServiceContext,
  userId: string,
): Promise<boolean> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, disabledAt: true } });
  if (!user) throw new NotFoundError("User");
  if (!user.disabledAt) return false;
  await tx.user.update({ where: { id: userId }, data: { disabledAt: null } });
  await recordAudit(tx, ctx, {
    action: "user.reactivated",
    target: { type: "user", id: user.id, label: user.email },
  });
  return true;
}
