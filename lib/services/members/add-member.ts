import { generateTemporaryPassword, hashPassword } from "@/lib/auth/password";
import { canManageRole } from "@/lib/auth/permissions";
import { AddMemberInput } from "@/lib/schemas/members";
import { newId } from "@/lib/ids";
import { recordAudit } from "../audit/record-audit";
import { effectiveRole, requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { ConflictError, ForbiddenError } from "../errors";
import { withTx } from "../transaction";
import { toUserDto, userDtoSelect, type UserDto } from "../users/user-dto";

export interface AddMemberResult {
  member: UserDto;
  /** Shown once to the admin; only its hash is stored. Null when an existing user was promoted. */
  temporaryPassword: string | null;
}

/**
 * Adds a staff member. A new email gets an account with a temporary password (shown once);
 * an existing end user (no role yet) is given the role and keeps their password.
 */
export async function addMember({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AddMemberInput;
}): Promise<AddMemberResult> {
  requirePermission(ctx, "members.write");
  const { email, name, role } = AddMemberInput.parse(input);
  if (!canManageRole(effectiveRole(ctx), role)) {
    throw new ForbiddenError("Only an owner can add another owner.");
  }
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);

  return withTx(ctx, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, role: true } });
    if (existing?.role) {
      throw new ConflictError("This person is already a member.", { email: ["This person is already a member."] });
    }
    const member = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: { role, sessionVersion: { increment: 1 } },
          select: userDtoSelect,
        })
      : await tx.user.create({
          // The temporary password is the admin's, shared out of band: replaced at the first sign-in.
          data: { id: newId("user"), email, name: name || null, role, passwordHash, mustChangePassword: true },
          select: userDtoSelect,
        });
    await recordAudit(tx, ctx, {
      action: "member.added",
      target: { type: "user", id: member.id, label: member.email },
      details: { after: { email: member.email, role }, newAccount: !existing },
    });
    return { member: toUserDto(member), temporaryPassword: existing ? null : temporaryPassword };
  });
}
