import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { createTestDb } from "@/test/db";
import { auditCount, insertUser, makeCtx, unique } from "@/test/factories";
import {
  authenticateUser,
  completeSetup,
  ConflictError,
  createUser,
  ForbiddenError,
  getSessionUser,
  InvalidCredentialsError,
  isSetupComplete,
  listUsers,
  PreconditionFailedError,
  RateLimitedError,
  setUserPassword,
  SIGN_IN_LIMITS,
  signInBackoffMs,
  systemContext,
  type SignInClock,
} from "@/lib/services";

const database = await createTestDb();
const anon = (ip = "203.0.113.7") => systemContext("test", { db: database.prisma, ip });

/** A clock that waits instantly and remembers how long it was asked to wait. */
function fakeClock(): SignInClock & { slept: number[]; advance(ms: number): void } {
  let t = Date.now();
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(t),
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
    advance: (ms) => (t += ms),
  };
}

describe("completeSetup", () => {
  it("creates the first OWNER once, then refuses", async () => {
    const fresh = await createTestDb();
    const ctx = systemContext("setup", { db: fresh.prisma });
    expect(await isSetupComplete(ctx)).toBe(false);
    const owner = await completeSetup({
      ctx,
      input: {
        name: "Olivia",
        email: "Owner@Example.test",
        password: "correct horse battery",
        confirmPassword: "correct horse battery",
      },
    });
    expect(owner.role).toBe("OWNER");
    expect(owner.email).toBe("owner@example.test");
    expect(await isSetupComplete(ctx)).toBe(true);
    expect(await fresh.prisma.auditEvent.count({ where: { action: "setup.completed" } })).toBe(1);
    await expect(
      completeSetup({
        ctx,
        input: {
          name: "Mallory",
          email: "m@example.test",
          password: "correct horse battery",
          confirmPassword: "correct horse battery",
        },
      }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
  });
});

describe("authenticateUser", () => {
  it("signs in with the right password and records user.signed_in", async () => {
    const user = await insertUser(database, "VIEWER", { passwordHash: await hashPassword("a-long-password-1") });
    const result = await authenticateUser({
      ctx: anon(),
      input: { email: ` ${user.email.toUpperCase()} `, password: "a-long-password-1" },
    });
    expect(result.id).toBe(user.id);
    expect(await auditCount(database, "user.signed_in", user.id)).toBe(1);
  });

  it("gives one generic error for a wrong password and for an unknown email", async () => {
    const user = await insertUser(database, null, { passwordHash: await hashPassword("a-long-password-1") });
    const wrong = authenticateUser({ ctx: anon("203.0.113.8"), input: { email: user.email, password: "nope" } });
    await expect(wrong).rejects.toBeInstanceOf(InvalidCredentialsError);
    const unknown = authenticateUser({
      ctx: anon("203.0.113.8"),
      input: { email: "nobody@example.test", password: "nope" },
    });
    await expect(unknown).rejects.toThrow("The email or password is incorrect.");
  });

  it("refuses a disabled user with the same generic error", async () => {
    const user = await insertUser(database, "ADMIN", { passwordHash: await hashPassword("a-long-password-1") });
    await database.prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await expect(
      authenticateUser({ ctx: anon("203.0.113.9"), input: { email: user.email, password: "a-long-password-1" } }),
    ).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it("locks an account out only from the address that kept failing; the owner elsewhere signs in (10.7)", async () => {
    const user = await insertUser(database, null, { passwordHash: await hashPassword("a-long-password-1") });
    const clock = fakeClock();
    for (let i = 0; i < SIGN_IN_LIMITS.lockAfter; i++) {
      clock.advance(60_000); // past any backoff: this is about the lockout
      await expect(
        authenticateUser({ ctx: anon("198.51.100.66"), input: { email: user.email, password: "wrong" }, clock }),
      ).rejects.toBeInstanceOf(InvalidCredentialsError);
    }
    clock.advance(60_000);
    const locked = authenticateUser({
      ctx: anon("198.51.100.66"),
      input: { email: user.email, password: "a-long-password-1" },
      clock,
    });
    await expect(locked).rejects.toBeInstanceOf(RateLimitedError);
    await expect(locked).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });
    const owner = await authenticateUser({
      ctx: anon("198.51.100.67"),
      input: { email: user.email, password: "a-long-password-1" },
      clock,
    });
    expect(owner.id).toBe(user.id);
  });

  it("slows guessing across addresses with an increasing delay, refusing only addresses that failed", async () => {
    const user = await insertUser(database, null, { passwordHash: await hashPassword("a-long-password-1") });
    const clock = fakeClock();
    const attempt = (ip: string, password: string) =>
      authenticateUser({ ctx: anon(ip), input: { email: user.email, password }, clock });
    // Three failures from three addresses, no waiting yet.
    for (const ip of ["192.0.2.1", "192.0.2.2", "192.0.2.3"])
      await expect(attempt(ip, "wrong")).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(clock.slept).toEqual([]);
    // Now the account has a "not before": an address that failed is refused until then…
    const refused = attempt("192.0.2.1", "a-long-password-1");
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 1 });
    // …while fresh addresses wait it out, each failure doubling the wait (capped).
    for (const ip of ["192.0.2.4", "192.0.2.5", "192.0.2.6", "192.0.2.7"])
      await expect(attempt(ip, "wrong")).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(clock.slept).toEqual([1000, 2000, 4000, 5000]);
    // A correct password from an address that never failed is delayed, never refused.
    expect((await attempt("192.0.2.8", "a-long-password-1")).id).toBe(user.id);
    expect(clock.slept.at(-1)).toBe(5000);
    // Success clears the account's failures: no more waiting.
    await attempt("192.0.2.9", "a-long-password-1");
    expect(clock.slept).toHaveLength(5);
  });

  it("the backoff grows per failure and is capped at a few seconds", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map(signInBackoffMs)).toEqual([0, 0, 0, 1000, 2000, 4000, 5000, 5000]);
  });

  it("throttles repeated failures from one IP across emails", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < SIGN_IN_LIMITS.perIpLimit; i++) {
      await authenticateUser({
        ctx: anon(ip),
        input: { email: `${unique("x")}@example.test`, password: "wrong" },
      }).catch(() => undefined);
    }
    await expect(
      authenticateUser({ ctx: anon(ip), input: { email: `${unique("y")}@example.test`, password: "wrong" } }),
    ).rejects.toBeInstanceOf(RateLimitedError);
  });
});

describe("getSessionUser", () => {
  it("drops a session whose user is disabled or whose session version moved on", async () => {
    const user = await insertUser(database, "ADMIN");
    expect(await getSessionUser(database.prisma, user.id, 0)).toMatchObject({ id: user.id, role: "ADMIN" });
    expect(await getSessionUser(database.prisma, user.id, 1)).toBeNull();
    await database.prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await getSessionUser(database.prisma, user.id, 0)).toBeNull();
  });
});

describe("createUser, setUserPassword, listUsers", () => {
  it("creates a user, audits it, and refuses a duplicate email", async () => {
    const ctx = systemContext("cli", { db: database.prisma });
    const email = `${unique("cli")}@example.test`;
    const user = await createUser({ ctx, input: { email, password: "a-long-password-1", role: "ADMIN" } });
    expect(await auditCount(database, "user.created", user.id)).toBe(1);
    await expect(createUser({ ctx, input: { email, password: "a-long-password-1" } })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const developer = await makeCtx(database, "DEVELOPER");
    await expect(
      createUser({ ctx: developer, input: { email: `${unique("d")}@example.test`, password: "a-long-password-1" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("sets a password, ends sessions, audits it; refused for a VIEWER", async () => {
    const ctx = systemContext("cli", { db: database.prisma });
    const user = await insertUser(database, "VIEWER");
    await setUserPassword({ ctx, input: { email: user.email, password: "another-long-pass" } });
    const after = await authenticateUser({
      ctx: anon("192.0.2.200"),
      input: { email: user.email, password: "another-long-pass" },
    });
    expect(after.sessionVersion).toBe(1);
    expect(await auditCount(database, "user.password_changed", user.id)).toBe(1);
    const viewer = await makeCtx(database, "VIEWER");
    await expect(
      setUserPassword({ ctx: viewer, input: { email: user.email, password: "another-long-pass" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("lists users for staff and refuses end users", async () => {
    const viewer = await makeCtx(database, "VIEWER");
    const target = await insertUser(database, null);
    expect((await listUsers({ ctx: viewer, input: { q: target.email } })).map((u) => u.id)).toEqual([target.id]);
    // LIKE's wildcards are searched for, not obeyed.
    for (const q of ["%", "\\"]) expect(await listUsers({ ctx: viewer, input: { q } }), q).toEqual([]);
    const endUser = await makeCtx(database, null);
    await expect(listUsers({ ctx: endUser })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
