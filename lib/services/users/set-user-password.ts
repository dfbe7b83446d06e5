import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { Email, NewPassword } from "@/lib/schemas/auth";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { NotFoundError } from "../errors";
import { withTx } from "../transaction";

export const SetUserPasswordInput = z.object({ email: Email, password: NewPassword });
export type SetUserPasswordInput = z.input<typeof SetUserPasswordInput>;

/** Sets a known password (operators at the CLI) and signs the user out everywhere (the session version moves on). */
export async function setUserPassword({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: SetUserPasswordInput;
}): Promise<void> {
  requirePermission(ctx, "members.write");
  const { email, password } = SetUserPasswordInput.parse(input);
  const passwordHash = await hashPassword(password);
  await withTx(ctx, async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true } });
    if (!user) throw new NotFoundError(`User ${email}`);
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, ctx, {
      action: "user.password_changed",
      target: { type: "user", id: user.id, label: user.email },
    });
  });
}
