import { generateTemporaryPassword, hashPassword } from "@/lib/auth/password";
import { canManageRole } from "@/lib/auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { effectiveRole, requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { withTx } from "../transaction";

export interface ResetUserPasswordResult {
  /** Shown once; only its hash is stored. The person must replace it at their next sign-in. */
  temporaryPassword: string;
  /** Set for SCIM-provisioned users: the identity provider may overwrite manual changes. */
  scimManaged: boolean;
}

/**
 * An admin gives someone a new temporary password: it must be changed at the next sign-in, and
 * every dashboard session of theirs ends now (the session version moves on). Open invite links
 * stop working too. Consents and tokens are untouched: that is "revoke access".
 */
export async function resetUserPassword({
  ctx,
  userId,
}: {
  ctx: ServiceContext;
  userId: string;
}): Promise<ResetUserPasswordResult> {
  requirePermission(ctx, "users.write");
  if (ctx.actor.type === "user" && ctx.actor.userId === userId)
    throw new ValidationError("Change your own password on the Change password page.");
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return withTx(ctx, async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        email: true,
        role: true,
        scimProviderId: true,
        passwordHash: true,
        identities: { select: { provider: { select: { label: true } } } },
      },
    });
    if (!user) throw new NotFoundError("User");
    // Someone who signs in only through an identity provider has no Gatehouse password to reset, and
    // giving them one would open a way in that leaving the identity provider does not close.
    if (user.passwordHash === null && user.identities.length > 0) {
      const providers = [...new Set(user.identities.map((i) => i.provider.label))].join(" or ");
      throw new ValidationError(
        `${user.email} signs in through ${providers} and has no Gatehouse password; reset their password in ${providers}.`,
      );
    }
    if (user.role && !canManageRole(effectiveRole(ctx), user.role))
      throw new ForbiddenError("Only an owner can reset an owner's password.");
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } },
    });
    await tx.userInvite.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: "user.password_reset",
      target: { type: "user", id: user.id, label: user.email },
      details: { scimManaged: user.scimProviderId !== null },
    });
    return { temporaryPassword, scimManaged: user.scimProviderId !== null };
  });
}
