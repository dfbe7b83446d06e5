// Email + password sign-in. One generic failure for every reason (unknown email, wrong password,
// disabled, no password) so the form cannot be used to enumerate accounts; unknown emails still
// pay for a KDF run so timing does not tell either. Failures are throttled per email and per IP.
import { z } from "zod";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { dbOf, type ServiceContext } from "../context";
import { RateLimitedError, ServiceError } from "../errors";
import { clearRateLimit, hitRateLimit, isRateLimited } from "../rate-limit";
import { getLocalPasswordsForEndUsers } from "../identity/sign-in-options";
import { withTx } from "../transaction";

export const SIGN_IN_LIMITS = {
  perEmail: { limit: 5, windowSeconds: 15 * 60 },
  perIp: { limit: 30, windowSeconds: 15 * 60 },
} as const;

export const AuthenticateUserInput = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string | null;
  role: Role | null;
  sessionVersion: number;
}

export class InvalidCredentialsError extends ServiceError {
  constructor() {
    super("UNAUTHENTICATED", "The email or password is incorrect.");
  }
}

/** The password was right, but end users must sign in through an identity provider. */
export class PasswordsOffError extends ServiceError {
  constructor() {
    super(
      "FORBIDDEN",
      "Sign in with your organisation's identity provider: passwords are turned off for your account.",
    );
  }
}

export async function authenticateUser({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof AuthenticateUserInput>;
}): Promise<AuthenticatedUser> {
  const parsed = AuthenticateUserInput.safeParse(input);
  if (!parsed.success) throw new InvalidCredentialsError();
  const { email, password } = parsed.data;
  const db = dbOf(ctx);
  const emailKey = `signin:email:${email}`;
  const ipKey = ctx.ip ? `signin:ip:${ctx.ip}` : undefined;

  for (const [key, { limit }] of [
    [emailKey, SIGN_IN_LIMITS.perEmail],
    [ipKey, SIGN_IN_LIMITS.perIp],
  ] as const) {
    if (!key) continue;
    const state = await isRateLimited(db, key, limit);
    if (state.limited) {
      throw new RateLimitedError(
        `Too many failed sign-in attempts. Try again in ${Math.ceil(state.retryAfterSeconds / 60)} minute(s).`,
        state.retryAfterSeconds,
      );
    }
  }

  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      passwordHash: true,
      disabledAt: true,
      sessionVersion: true,
    },
  });
  const ok = user?.passwordHash
    ? await verifyPassword(password, user.passwordHash)
    : (await burnPasswordCheck(password), false);

  if (!user || !ok || user.disabledAt) {
    await hitRateLimit(db, emailKey, SIGN_IN_LIMITS.perEmail.limit, SIGN_IN_LIMITS.perEmail.windowSeconds);
    if (ipKey) await hitRateLimit(db, ipKey, SIGN_IN_LIMITS.perIp.limit, SIGN_IN_LIMITS.perIp.windowSeconds);
    await withTx(ctx, (tx) =>
      recordAudit(
        tx,
        { ...ctx, actor: { type: "system", label: "sign-in" } },
        {
          action: "user.sign_in_failed",
          target: user ? { type: "user", id: user.id, label: user.email } : { type: "email", id: email, label: email },
          details: { reason: !user ? "unknown_email" : user.disabledAt ? "disabled" : "bad_password" },
        },
      ),
    );
    throw new InvalidCredentialsError();
  }

  await clearRateLimit(db, emailKey);
  // Staff keep their passwords whatever the setting: the break-glass owner can never be locked out.
  if (!user.role && !(await getLocalPasswordsForEndUsers(ctx))) throw new PasswordsOffError();
  await withTx(ctx, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await recordAudit(
      tx,
      { ...ctx, actor: { type: "user", userId: user.id, email: user.email, role: user.role } },
      {
        action: "user.signed_in",
        target: { type: "user", id: user.id, label: user.email },
      },
    );
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
