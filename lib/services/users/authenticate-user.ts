// Email + password sign-in. One generic failure for every reason (unknown email, wrong password,
// disabled, no password) so the form cannot be used to enumerate accounts; unknown emails still
// pay for a KDF run so timing does not tell either.
//
// Throttling keeps guessing expensive without letting anyone lock someone else out (issue 10.7):
// - per (account, address): after `lockAfter` failures that address is refused for that account
//   until the window ends, even with the right password (it is the address that kept failing);
// - per address across accounts: `perIpLimit` failures refuse that address (credential stuffing);
// - per account across addresses: no refusal, an increasing delay. Each failure moves the account's
//   "not before" time (last failure + backoff). Before it, an address that has failed for this
//   account is refused with Retry-After; any other address waits it out and is then checked, so a
//   correct password from an address that did not fail is never refused.
// The client address comes from lib/request-meta.ts (the socket, or GATEHOUSE_TRUSTED_PROXIES).
import { z } from "zod";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { dbOf, type ServiceContext } from "../context";
import { RateLimitedError, ServiceError } from "../errors";
import { clearRateLimit, hitRateLimit, readRateLimits } from "../rate-limit";
import { getLocalPasswordsForEndUsers } from "../identity/sign-in-options";
import { withTx } from "../transaction";

export const SIGN_IN_LIMITS = {
  windowSeconds: 15 * 60,
  /** Failures per (account, address) before that address is refused for the account. */
  lockAfter: 5,
  /** Failures per address, across accounts, before that address is refused. */
  perIpLimit: 30,
  /** Per account across addresses: from the `after`-th failure, wait baseMs·2^(n−after), at most maxMs. */
  backoff: { after: 3, baseMs: 1000, maxMs: 5000 },
} as const;

/** How long after the latest failure the account's next attempt may be checked. */
export function signInBackoffMs(failures: number): number {
  const { after, baseMs, maxMs } = SIGN_IN_LIMITS.backoff;
  return failures < after ? 0 : Math.min(maxMs, baseMs * 2 ** (failures - after));
}

/** Test seams: the clock and how to wait out the account's backoff. */
export interface SignInClock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

const realClock: SignInClock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

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
  clock = realClock,
}: {
  ctx: ServiceContext;
  input: z.input<typeof AuthenticateUserInput>;
  clock?: SignInClock;
}): Promise<AuthenticatedUser> {
  const parsed = AuthenticateUserInput.safeParse(input);
  if (!parsed.success) throw new InvalidCredentialsError();
  const { email, password } = parsed.data;
  const db = dbOf(ctx);
  const accountKey = `signin:email:${email}`;
  const pairKey = `signin:email-ip:${email}:${ctx.ip ?? "-"}`;
  const ipKey = ctx.ip ? `signin:ip:${ctx.ip}` : undefined;
  const { windowSeconds, lockAfter, perIpLimit } = SIGN_IN_LIMITS;

  const now = clock.now();
  const buckets = await readRateLimits(db, ipKey ? [accountKey, pairKey, ipKey] : [accountKey, pairKey], now);
  const secondsUntil = (t: Date) => Math.max(1, Math.ceil((t.getTime() - now.getTime()) / 1000));
  const refuse = (seconds: number) =>
    new RateLimitedError(
      `Too many failed sign-in attempts. Try again in ${seconds < 60 ? `${seconds} second(s)` : `${Math.ceil(seconds / 60)} minute(s)`}.`,
      seconds,
    );
  const pair = buckets.get(pairKey);
  if (pair && pair.count >= lockAfter) throw refuse(secondsUntil(pair.expiresAt));
  const fromIp = ipKey ? buckets.get(ipKey) : undefined;
  if (fromIp && fromIp.count >= perIpLimit) throw refuse(secondsUntil(fromIp.expiresAt));
  const account = buckets.get(accountKey);
  if (account) {
    const notBefore = account.lastHitAt.getTime() + signInBackoffMs(account.count);
    const waitMs = notBefore - now.getTime();
    if (waitMs > 0) {
      if (pair) throw refuse(secondsUntil(new Date(notBefore)));
      await clock.sleep(waitMs);
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
    const failedAt = clock.now();
    for (const [key, limit] of [
      [pairKey, lockAfter],
      [accountKey, Number.MAX_SAFE_INTEGER],
      [ipKey, perIpLimit],
    ] as const) {
      if (key) await hitRateLimit(db, key, limit, windowSeconds, failedAt);
    }
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

  await clearRateLimit(db, pairKey, accountKey);
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
