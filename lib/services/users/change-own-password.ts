import { z } from "zod";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { recordAudit } from "../audit/record-audit";
import { dbOf, type ServiceContext } from "../context";
import { ServiceError, ValidationError } from "../errors";
import { hitRateLimit, isRateLimited } from "../rate-limit";
import { withTx } from "../transaction";
import { assertPasswordPolicy } from "./password-policy";

export const ChangeOwnPasswordInput = z.object({
  current: z.string().max(200),
  next: z.string().max(200),
});
export type ChangeOwnPasswordInput = z.input<typeof ChangeOwnPasswordInput>;

/** Wrong current passwords per account before the change page refuses for a while. */
const WRONG_CURRENT = { limit: 5, windowSeconds: 15 * 60 };

/**
 * The signed-in person replaces their password (a temporary one included). The current password
 * is checked even right after sign-in: a session left open must not be enough to take the
 * account over. Other sessions end; the returned session version lets the caller keep this one.
 */
export async function changeOwnPassword({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ChangeOwnPasswordInput;
}): Promise<{ sessionVersion: number }> {
  if (ctx.actor.type !== "user")
    throw new ServiceError("FORBIDDEN", "Only a signed-in person can change their password.");
  const { current, next } = ChangeOwnPasswordInput.parse(input);
  const db = dbOf(ctx);
  const user = await db.user.findUnique({
    where: { id: ctx.actor.userId },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
  if (!user || user.disabledAt) throw new ServiceError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  if (!user.passwordHash)
    throw new ValidationError(
      "Your account signs in through your organisation's identity provider: it has no password here.",
    );
  const key = `password-change:${user.id}`;
  if ((await isRateLimited(db, key, WRONG_CURRENT.limit)).limited)
    throw new ValidationError("Too many wrong passwords. Try again in a few minutes.", {
      current: ["Too many wrong passwords. Try again in a few minutes."],
    });
  if (!(await verifyPassword(current, user.passwordHash))) {
    await hitRateLimit(db, key, WRONG_CURRENT.limit, WRONG_CURRENT.windowSeconds, new Date());
    throw new ValidationError("Your current password is incorrect.", {
      current: ["Your current password is incorrect."],
    });
  }
  if (next === current)
    throw new ValidationError("Choose a password different from the current one.", {
      next: ["Choose a password different from the current one."],
    });
  assertPasswordPolicy(next, user, "next");
  const passwordHash = await hashPassword(next);
  return withTx(ctx, async (tx) => {
    const after = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await recordAudit(tx, ctx, {
      action: "user.password_changed",
      target: { type: "user", id: user.id, label: user.email },
      details: { by: "self" },
    });
    return { sessionVersion: after.sessionVersion };
  });
}
