import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { newId } from "@/lib/ids";
import { createTestDb } from "@/test/db";
import { auditCount, insertUser, makeCtx, unique } from "@/test/factories";
import {
  authenticateUser,
  changeOwnPassword,
  ConflictError,
  createEndUser,
  describeInvite,
  ForbiddenError,
  getSessionUser,
  InvalidInviteError,
  INVITE_TTL_MS,
  passwordPolicyProblem,
  resetUserPassword,
  setPasswordFromInvite,
  systemContext,
  ValidationError,
  type ServiceContext,
} from "@/lib/services";

const database = await createTestDb();
const anon = () => systemContext("test", { db: database.prisma, ip: "198.51.100.9" });
const tokenOf = (url: string) => url.split("/account/invite/")[1]!;
const email = () => `${unique("person")}@example.test`;

async function selfCtx(userId: string): Promise<ServiceContext> {
  const u = await database.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return {
    actor: { type: "user", userId, email: u.email, role: u.role },
    requestId: newId("request"),
    db: database.prisma,
  };
}

describe("createEndUser", () => {
  it("with a temporary password: shown once, stored hashed, must be changed, audited", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const r = await createEndUser({ ctx, input: { email: email(), name: "Pat", mode: "temporary-password" } });
    expect(r.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(r.inviteUrl).toBeNull();
    expect(r.user.role).toBeNull();
    const row = await database.prisma.user.findUniqueOrThrow({ where: { id: r.user.id } });
    expect(row.mustChangePassword).toBe(true);
    expect(row.passwordHash).not.toContain(r.temporaryPassword!);
    expect(await verifyPassword(r.temporaryPassword!, row.passwordHash!)).toBe(true);
    expect(await auditCount(database, "user.created", r.user.id)).toBe(1);
  });

  it("with an invite link: no password yet, the token is stored only as a hash", async () => {
    const ctx = await makeCtx(database, "OWNER");
    const r = await createEndUser({ ctx, input: { email: email(), mode: "invite-link" } });
    expect(r.temporaryPassword).toBeNull();
    expect(r.inviteUrl).toMatch(/\/account\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(r.inviteUrl!);
    const invites = await database.prisma.userInvite.findMany({ where: { userId: r.user.id } });
    expect(invites).toHaveLength(1);
    expect(invites[0]!.tokenHash).not.toContain(token);
    expect(invites[0]!.expiresAt.getTime() - Date.now()).toBeGreaterThan(INVITE_TTL_MS - 60_000);
    expect((await database.prisma.user.findUniqueOrThrow({ where: { id: r.user.id } })).passwordHash).toBeNull();
    expect(await auditCount(database, "user.invited", r.user.id)).toBe(1);
  });

  it("refuses roles without users.write, duplicates, and unknown fields", async () => {
    const viewer = await makeCtx(database, "SECURITY");
    await expect(createEndUser({ ctx: viewer, input: { email: email(), mode: "invite-link" } })).rejects.toThrow(
      ForbiddenError,
    );
    const admin = await makeCtx(database, "ADMIN");
    const taken = email();
    await createEndUser({ ctx: admin, input: { email: taken, mode: "invite-link" } });
    await expect(createEndUser({ ctx: admin, input: { email: taken, mode: "invite-link" } })).rejects.toThrow(
      ConflictError,
    );
    await expect(
      createEndUser({ ctx: admin, input: { email: email(), mode: "invite-link", role: "OWNER" } as never }),
    ).rejects.toThrow(/role/);
  });
});

describe("temporary password forces a change", () => {
  it("signs in, but the session counts as pending until the person picks their own password", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const address = email();
    const { user, temporaryPassword } = await createEndUser({
      ctx,
      input: { email: address, mode: "temporary-password" },
    });
    const signed = await authenticateUser({ ctx: anon(), input: { email: address, password: temporaryPassword! } });
    const session = await getSessionUser(database.prisma, user.id, signed.sessionVersion);
    expect(session?.mustChangePassword).toBe(true);
    const after = await changeOwnPassword({
      ctx: await selfCtx(user.id),
      input: { current: temporaryPassword!, next: "a brand new passphrase" },
    });
    // The old session ended; the one the page signs in again with is not pending.
    expect(await getSessionUser(database.prisma, user.id, signed.sessionVersion)).toBeNull();
    expect((await getSessionUser(database.prisma, user.id, after.sessionVersion))?.mustChangePassword).toBe(false);
  });
});

describe("resetUserPassword", () => {
  it("gives a new temporary password once, forces a change and ends the user's sessions", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const target = await insertUser(database, null, { passwordHash: await hashPassword("the old password!") });
    const before = await getSessionUser(database.prisma, target.id, 0);
    expect(before).not.toBeNull();
    const r = await resetUserPassword({ ctx, userId: target.id });
    expect(r.scimManaged).toBe(false);
    expect(await getSessionUser(database.prisma, target.id, 0)).toBeNull();
    const row = await database.prisma.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(row.mustChangePassword).toBe(true);
    expect(await verifyPassword(r.temporaryPassword, row.passwordHash!)).toBe(true);
    expect(await verifyPassword("the old password!", row.passwordHash!)).toBe(false);
    expect(await auditCount(database, "user.password_reset", target.id)).toBe(1);
  });

  it("an admin cannot reset an owner's password, nobody their own, a viewer nobody's", async () => {
    const admin = await makeCtx(database, "ADMIN");
    const owner = await insertUser(database, "OWNER");
    await expect(resetUserPassword({ ctx: admin, userId: owner.id })).rejects.toThrow(ForbiddenError);
    await expect(resetUserPassword({ ctx: admin, userId: (admin.actor as { userId: string }).userId })).rejects.toThrow(
      ValidationError,
    );
    const viewer = await makeCtx(database, "VIEWER");
    const person = await insertUser(database, null);
    await expect(resetUserPassword({ ctx: viewer, userId: person.id })).rejects.toThrow(ForbiddenError);
    await expect(resetUserPassword({ ctx: admin, userId: "usr_nope" })).rejects.toThrow(/not found/i);
  });

  it("refuses someone who signs in only through an identity provider, naming it", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const person = await insertUser(database, null);
    const provider = await database.prisma.identityProvider.create({
      data: {
        id: newId("identityProvider"),
        slug: unique("okta"),
        label: "Okta",
        issuer: "https://okta.example.test",
        clientId: "c",
      },
    });
    await database.prisma.userIdentity.create({
      data: { id: newId("identity"), providerId: provider.id, subject: unique("sub"), userId: person.id },
    });
    await expect(resetUserPassword({ ctx, userId: person.id })).rejects.toThrow(
      new ValidationError(
        `${person.email} signs in through Okta and has no Gatehouse password; reset their password in Okta.`,
      ),
    );
    const row = await database.prisma.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(row.passwordHash).toBeNull();
    expect(await auditCount(database, "user.password_reset", person.id)).toBe(0);
  });

  it("stops an open invite link", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const { user, inviteUrl } = await createEndUser({ ctx, input: { email: email(), mode: "invite-link" } });
    await resetUserPassword({ ctx, userId: user.id });
    expect(await describeInvite({ ctx: anon(), token: tokenOf(inviteUrl!) })).toBeNull();
  });
});

describe("changeOwnPassword", () => {
  it("refuses a wrong current password and records nothing", async () => {
    const u = await insertUser(database, null, { passwordHash: await hashPassword("my current password") });
    await expect(
      changeOwnPassword({
        ctx: await selfCtx(u.id),
        input: { current: "not my password", next: "a fine new passphrase" },
      }),
    ).rejects.toMatchObject({ fieldErrors: { current: ["Your current password is incorrect."] } });
    expect(await auditCount(database, "user.password_changed", u.id)).toBe(0);
  });

  it("stops guessing the current password after five wrong tries", async () => {
    const u = await insertUser(database, null, { passwordHash: await hashPassword("my current password") });
    const ctx = await selfCtx(u.id);
    for (let i = 0; i < 5; i++)
      await expect(
        changeOwnPassword({ ctx, input: { current: `wrong ${i}`, next: "a fine new passphrase" } }),
      ).rejects.toThrow(/incorrect/);
    await expect(
      changeOwnPassword({ ctx, input: { current: "my current password", next: "a fine new passphrase" } }),
    ).rejects.toThrow(/Too many/);
  });

  it("applies the policy: length, not the email, not the same, not common", async () => {
    const u = await insertUser(database, "VIEWER", { passwordHash: await hashPassword("my current password") });
    const ctx = await selfCtx(u.id);
    for (const next of ["short", u.email, "my current password", "password1234"])
      await expect(changeOwnPassword({ ctx, input: { current: "my current password", next } })).rejects.toThrow(
        ValidationError,
      );
    await changeOwnPassword({ ctx, input: { current: "my current password", next: "correct horse battery" } });
    const row = await database.prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword("correct horse battery", row.passwordHash!)).toBe(true);
    expect(row.sessionVersion).toBe(1);
    expect(await auditCount(database, "user.password_changed", u.id)).toBe(1);
  });

  it("is only for people, and not for accounts without a password", async () => {
    await expect(
      changeOwnPassword({ ctx: anon(), input: { current: "x", next: "a fine new passphrase" } }),
    ).rejects.toThrow(/signed-in person/);
    const sso = await insertUser(database, null);
    await expect(
      changeOwnPassword({ ctx: await selfCtx(sso.id), input: { current: "x", next: "a fine new passphrase" } }),
    ).rejects.toThrow(/identity provider/);
  });
});

describe("setPasswordFromInvite", () => {
  it("sets the password once; the link is spent", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const address = email();
    const { inviteUrl } = await createEndUser({ ctx, input: { email: address, mode: "invite-link" } });
    const token = tokenOf(inviteUrl!);
    expect(await describeInvite({ ctx: anon(), token })).toMatchObject({ email: address });
    await setPasswordFromInvite({ ctx: anon(), token, password: "my chosen passphrase" });
    const signed = await authenticateUser({ ctx: anon(), input: { email: address, password: "my chosen passphrase" } });
    expect(signed.email).toBe(address);
    await expect(setPasswordFromInvite({ ctx: anon(), token, password: "another passphrase!" })).rejects.toThrow(
      InvalidInviteError,
    );
    expect(await describeInvite({ ctx: anon(), token })).toBeNull();
  });

  it("two concurrent uses: exactly one succeeds", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const { inviteUrl } = await createEndUser({ ctx, input: { email: email(), mode: "invite-link" } });
    const token = tokenOf(inviteUrl!);
    const results = await Promise.allSettled([
      setPasswordFromInvite({ ctx: anon(), token, password: "first passphrase here" }),
      setPasswordFromInvite({ ctx: anon(), token, password: "second passphrase here" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses an expired link, an unknown one, a disabled user's, and a weak password (link kept)", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const address = email();
    const { user, inviteUrl } = await createEndUser({ ctx, input: { email: address, mode: "invite-link" } });
    const token = tokenOf(inviteUrl!);
    const later = new Date(Date.now() + INVITE_TTL_MS + 1000);
    await expect(
      setPasswordFromInvite({ ctx: anon(), token, password: "my chosen passphrase", now: later }),
    ).rejects.toThrow(InvalidInviteError);
    await expect(
      setPasswordFromInvite({ ctx: anon(), token: "x".repeat(43), password: "my chosen passphrase" }),
    ).rejects.toThrow(InvalidInviteError);
    await expect(setPasswordFromInvite({ ctx: anon(), token, password: address })).rejects.toThrow(ValidationError);
    expect(await describeInvite({ ctx: anon(), token })).not.toBeNull();
    await database.prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await expect(setPasswordFromInvite({ ctx: anon(), token, password: "my chosen passphrase" })).rejects.toThrow(
      InvalidInviteError,
    );
  });
});

describe("passwordPolicyProblem", () => {
  it("names the reason", () => {
    const person = { email: "sam.jones@example.test", name: "Sam Jones" };
    expect(passwordPolicyProblem("short", person)).toMatch(/12/);
    expect(passwordPolicyProblem("sam.jones@example.test", person)).toMatch(/email/);
    expect(passwordPolicyProblem("xx sam.jones 2024", person)).toMatch(/email/);
    expect(passwordPolicyProblem("I am Sam Jones ok", person)).toMatch(/name/);
    expect(passwordPolicyProblem("aaaaaaaaaaaaaaa", person)).toMatch(/repeat/);
    expect(passwordPolicyProblem("Password1234", person)).toMatch(/common/);
    expect(passwordPolicyProblem("tangerine rowboat lamp", person)).toBeNull();
  });
});
