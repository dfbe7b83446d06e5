import { canManageRole } from "@/lib/auth/permissions";
import { ChangeMemberRoleInput } from "@/lib/schemas/members";
import { recordAudit } from "../audit/record-audit";
import { effectiveRole, requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { ForbiddenError, NotFoundError, PreconditionFailedError } from "../errors";
import { lockFor, LOCKS } from "../locks";
import { withTx } from "../transaction";
import { toUserDto, userDtoSelect, type UserDto } from "../users/user-dto";

export async function changeMemberRole({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ChangeMemberRoleInput;
}): Promise<UserDto> {
  requirePermission(ctx, "members.write");
  const { userId, role } = ChangeMemberRoleInput.parse(input);
  return withTx(ctx, async (tx) => {
    await lockFor(tx, LOCKS.members);
    const before = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true } });
    if (!before?.role) throw new NotFoundError("Member");
    const actorRole = effectiveRole(ctx);
    if (!canManageRole(actorRole, before.role) || !canManageRole(actorRole, role)) {
      throw new ForbiddenError("Only an owner can grant or change the Owner role.");
    }
    if (before.role === role)
      return toUserDto(await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userDtoSelect }));
    if (before.role === "OWNER" && (await tx.user.count({ where: { role: "OWNER" } })) <= 1) {
      throw new PreconditionFailedError("This is the last owner. Make someone else an owner first.");
    }
    const after = await tx.user.update({
      where: { id: userId },
      data: { role, sessionVersion: { increment: 1 } },
      select: userDtoSelect,
    });
    await recordAudit(tx, ctx, {
      action: "member.role_changed",
      target: { type: "user", id: after.id, label: after.email },
      details: { before: { role: before.role }, after: { role } },
    });
    return toUserDto(after);
  });
}
