import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createTestDb } from "@/test/db";
import { auditCount, insertUser, makeCtx, unique } from "@/test/factories";
import {
  addMember,
  changeMemberRole,
  ConflictError,
  ForbiddenError,
  listMembers,
  PreconditionFailedError,
  removeMember,
} from "@/lib/services";

const database = await createTestDb();

describe("addMember", () => {
  it("creates an account with a temporary password stored only as a hash, and writes member.added", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const email = `${unique("new")}@example.test`;
    const { member, temporaryPassword } = await addMember({
      ctx,
      input: { email: email.toUpperCase(), name: "New", role: "DEVELOPER" },
    });
    expect(member.email).toBe(email);
    expect(member.role).toBe("DEVELOPER");
    expect(temporaryPassword).toMatch(/^[\w-]{20}$/);
    const stored = await database.prisma.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(stored.passwordHash).not.toContain(temporaryPassword);
    expect(await verifyPassword(temporaryPassword!, stored.passwordHash!)).toBe(true);
    // The admin knows it: the new member must choose their own at the first sign-in.
    expect(stored.mustChangePassword).toBe(true);
    expect(await auditCount(database, "member.added", member.id)).toBe(1);
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "member.added", targetId: member.id },
    });
    expect(JSON.stringify(event.details)).not.toContain(temporaryPassword);
  });

  it("promotes an existing end user without touching their password", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const endUser = await insertUser(database, null, { passwordHash: "scrypt$keep" });
    const { member, temporaryPassword } = await addMember({ ctx, input: { email: endUser.email, role: "VIEWER" } });
    expect(temporaryPassword).toBeNull();
    expect(member.role).toBe("VIEWER");
    expect((await database.prisma.user.findUniqueOrThrow({ where: { id: endUser.id } })).passwordHash).toBe(
      "scrypt$keep",
    );
  });

  it("refuses an existing member with a field error", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    await expect(
      addMember({ ctx, input: { email: ctx.actor.type === "user" ? ctx.actor.email : "", role: "VIEWER" } }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("lets only owners add owners, and refuses DEVELOPER, SECURITY and VIEWER", async () => {
    const admin = await makeCtx(database, "ADMIN");
    await expect(
      addMember({ ctx: admin, input: { email: `${unique("o")}@example.test`, role: "OWNER" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const owner = await makeCtx(database, "OWNER");
    await expect(
      addMember({ ctx: owner, input: { email: `${unique("o")}@example.test`, role: "OWNER" } }),
    ).resolves.toBeTruthy();
    for (const role of ["DEVELOPER", "SECURITY", "VIEWER"] as const) {
      const ctx = await makeCtx(database, role);
      await expect(
        addMember({ ctx, input: { email: `${unique("x")}@example.test`, role: "VIEWER" } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("changeMemberRole", () => {
  it("changes a role, ends the member's sessions and records before/after", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const target = await insertUser(database, "VIEWER");
    const updated = await changeMemberRole({ ctx, input: { userId: target.id, role: "SECURITY" } });
    expect(updated.role).toBe("SECURITY");
    const stored = await database.prisma.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(stored.sessionVersion).toBe(target.sessionVersion + 1);
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "member.role_changed", targetId: target.id },
    });
    expect(event.details).toEqual({ before: { role: "VIEWER" }, after: { role: "SECURITY" } });
  });

  it("never demotes the last owner", async () => {
    const fresh = await createTestDb();
    const owner = await makeCtx(fresh, "OWNER");
    const ownerId = owner.actor.type === "user" ? owner.actor.userId : "";
    await expect(changeMemberRole({ ctx: owner, input: { userId: ownerId, role: "ADMIN" } })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await expect(removeMember({ ctx: owner, input: { userId: ownerId } })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect((await fresh.prisma.user.findUniqueOrThrow({ where: { id: ownerId } })).role).toBe("OWNER");
  });

  it("refuses an ADMIN changing an owner, and a VIEWER changing anyone", async () => {
    const admin = await makeCtx(database, "ADMIN");
    const owner = await insertUser(database, "OWNER");
    await expect(changeMemberRole({ ctx: admin, input: { userId: owner.id, role: "VIEWER" } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const viewer = await makeCtx(database, "VIEWER");
    const target = await insertUser(database, "DEVELOPER");
    await expect(changeMemberRole({ ctx: viewer, input: { userId: target.id, role: "ADMIN" } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe("removeMember", () => {
  it("removes the role but keeps the account, and writes member.removed", async () => {
    const ctx = await makeCtx(database, "OWNER");
    const target = await insertUser(database, "DEVELOPER");
    await removeMember({ ctx, input: { userId: target.id } });
    const stored = await database.prisma.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(stored.role).toBeNull();
    expect(await auditCount(database, "member.removed", target.id)).toBe(1);
    expect((await listMembers({ ctx })).some((m) => m.id === target.id)).toBe(false);
  });

  it("lists members for staff only", async () => {
    const endUser = await makeCtx(database, null);
    await expect(listMembers({ ctx: endUser })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("is refused for a DEVELOPER", async () => {
    const ctx = await makeCtx(database, "DEVELOPER");
    const target = await insertUser(database, "VIEWER");
    await expect(removeMember({ ctx, input: { userId: target.id } })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
