import { canManageRole } from "@/lib/auth/permissions";
import { RemoveMemberInput } from "@/lib/schemas/members";
import { recordAudit } from "../audit/record-audit";
import { effectiveRole, requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { ForbiddenError, NotFoundError, PreconditionFailedError } from "../errors";
import { lockFor, LOCKS } from "../locks";
import { withTx } from "../transaction";

/**
 * Removes someone from the staff: the role goes, the account stays (as an end user, with the
 * consents it granted), and every dashboard session of theirs ends now.
 */
export async function removeMember({ ctx, input }: { ctx: ServiceContext; input: RemoveMemberInput }): Promise<void> {
  requirePermission(ctx, "members.write");
  const { userId } = RemoveMemberInput.parse(input);
  await withTx(ctx, async (tx) => {
    await lockFor(tx, LOCKS.members);
    const before = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true } });
    if (!before?.role) throw new NotFoundError("Member");
    if (!canManageRole(effectiveRole(ctx), before.role)) {
      throw new ForbiddenError("Only an owner can remove an owner.");
    }
    if (before.role === "OWNER" && (await tx.user.count({ where: { role: "OWNER" } })) <= 1) {
      throw new PreconditionFailedError("This is the last owner and cannot be removed.");
    }
    await tx.user.update({ where: { id: userId }, data: { role: null, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, ctx, {
      action: "member.removed",
      target: { type: "user", id: before.id, label: before.email },
      details: { before: { role: before.role } },
    });
  });
}
