// A person's access across every MCP server and client: the security team's view (an employee is
// leaving: revoke everything, disable the account) and the user's own "authorized apps" page.
import { z } from "zod";
import { RevokeConsentsBody } from "@/lib/schemas/consent-list";
import { canManageRole } from "@/lib/auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { effectiveRole, requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { withTx } from "../transaction";
import type { SessionUser } from "../users/get-session-user";
import { toUserDto, userDtoSelect, type UserDto } from "../users/user-dto";
import { consentInclude, liveFamilyCounts, toConsentDto, type ConsentDto } from "./consent-dto";
import { deleteConsents, revokeConsentsWhere, type RevokedConsent } from "./revoke-consents";

async function consentsOf(ctx: ServiceContext, userId: string): Promise<ConsentDto[]> {
  const db = dbOf(ctx);
  const rows = await db.consent.findMany({
    where: { userId },
    include: consentInclude,
    orderBy: [{ grantedAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  const counts = await liveFamilyCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toConsentDto(r, counts.get(r.id) ?? 0));
}

export async function getUserAccess({
  ctx,
  userId,
}: {
  ctx: ServiceContext;
  userId: string;
}): Promise<{ user: UserDto; consents: ConsentDto[] }> {
  requirePermission(ctx, "users.read");
  // UserDto carries scimProvider: which IdP provisions this user over SCIM (null: managed in Gatehouse).
  const user = await dbOf(ctx).user.findUnique({ where: { id: userId }, select: userDtoSelect });
  if (!user) throw new NotFoundError("User");
  return { user: toUserDto(user), consents: await consentsOf(ctx, userId) };
}

export const UserConsentsInput = z.object({ userId: z.string().min(1) }).and(RevokeConsentsBody);

export async function revokeUserConsents({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<RevokedConsent[]> {
  requirePermission(ctx, "consents.revoke");
  const { userId, consentIds } = UserConsentsInput.parse(input);
  return revokeConsentsWhere(ctx, { userId, id: { in: consentIds } }, "revoked_by_admin");
}

/** "Revoke all access": every consent of this user, everywhere. */
export async function revokeAllUserAccess({
  ctx,
  userId,
}: {
  ctx: ServiceContext;
  userId: string;
}): Promise<RevokedConsent[]> {
  requirePermission(ctx, "consents.revoke");
  if (!(await dbOf(ctx).user.findUnique({ where: { id: userId }, select: { id: true } })))
    throw new NotFoundError("User");
  return revokeConsentsWhere(ctx, { userId }, "all_access_revoked_by_admin");
}

/**
 * Disabling blocks sign-in and refresh and cuts live tokens at once (introspection and the demo MCP
 * server check the user); the user's sessions end. Only an owner may disable an owner, and nobody
 * disables themselves.
 */
export async function setUserDisabled({
  ctx,
  userId,
  disabled,
}: {
  ctx: ServiceContext;
  userId: string;
  disabled: boolean;
}): Promise<UserDto> {
  requirePermission(ctx, "users.disable");
  if (ctx.actor.type === "user" && ctx.actor.userId === userId)
    throw new ValidationError("You cannot disable your own account.");
  return withTx(ctx, async (tx) => {
    const before = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, role: true, disabledAt: true },
    });
    if (!before) throw new NotFoundError("User");
    if (before.role && !canManageRole(effectiveRole(ctx), before.role))
      throw new ForbiddenError("Only an owner can disable an owner.");
    if (Boolean(before.disabledAt) === disabled)
      return toUserDto(await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userDtoSelect }));
    const after = await tx.user.update({
      where: { id: userId },
      data: { disabledAt: disabled ? new Date() : null, sessionVersion: { increment: 1 } },
      select: userDtoSelect,
    });
    await recordAudit(tx, ctx, {
      action: disabled ? "user.disabled" : "user.enabled",
      target: { type: "user", id: after.id, label: after.email },
    });
    return toUserDto(after);
  });
}

/** The signed-in user's own authorized apps. */
export async function listMyApps({ user }: { user: SessionUser }): Promise<ConsentDto[]> {
  return consentsOf(
    { actor: { type: "user", userId: user.id, email: user.email, role: user.role }, requestId: "self" },
    user.id,
  );
}

/** A user revokes an app they authorized: the same effect as an admin's revocation. */
export async function revokeMyApp({
  ctx,
  user,
  consentId,
}: {
  ctx: ServiceContext;
  user: SessionUser;
  consentId: string;
}): Promise<RevokedConsent> {
  const revoked = await withTx(ctx, (tx) =>
    deleteConsents(tx, ctx, { id: consentId, userId: user.id }, "revoked_by_user"),
  );
  const first = revoked[0];
  if (!first) throw new NotFoundError("Authorized app");
  return first;
}

/** Revokes one consent by its id, whoever holds it (the CLI's `consent:revoke --id`). */
export async function revokeConsent({
  ctx,
  consentId,
}: {
  ctx: ServiceContext;
  consentId: string;
}): Promise<RevokedConsent> {
  requirePermission(ctx, "consents.revoke");
  const [revoked] = await revokeConsentsWhere(ctx, { id: consentId }, "revoked_by_admin");
  if (!revoked) throw new NotFoundError("Consent");
  return revoked;
}
