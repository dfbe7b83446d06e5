import { describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { auditCount, makeCtx } from "@/test/factories";
import { authenticateApiKey, createApiKey, ForbiddenError, listApiKeys, revokeApiKey } from "@/lib/services";

const database = await createTestDb();

describe("API keys", () => {
  it("creates a key shown once and stored as a hash, audited; it authenticates as its role", async () => {
    const owner = await makeCtx(database, "OWNER");
    const { apiKey, token } = await createApiKey({
      ctx: owner,
      input: { name: "Deploys", role: "DEVELOPER", expiresIn: "30d" },
    });
    expect(token).toMatch(/^gha_[A-Za-z0-9_-]{43}$/);
    const row = await database.prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(token.slice(4).startsWith(row.prefix)).toBe(true);
    expect(await auditCount(database, "api_key.created", apiKey.id)).toBe(1);
    expect(await authenticateApiKey(database.prisma, token)).toEqual({
      type: "api_key",
      keyId: apiKey.id,
      name: "Deploys",
      role: "DEVELOPER",
    });
    expect((await listApiKeys({ ctx: owner })).map((k) => k.id)).toContain(apiKey.id);
  });

  it("stops authenticating once revoked or expired", async () => {
    const owner = await makeCtx(database, "OWNER");
    const { apiKey, token } = await createApiKey({
      ctx: owner,
      input: { name: "Short-lived", role: "VIEWER", expiresIn: "30d" },
    });
    expect(await authenticateApiKey(database.prisma, token, new Date(Date.now() + 31 * 86_400_000))).toBeNull();
    await revokeApiKey({ ctx: owner, input: { keyId: apiKey.id } });
    expect(await authenticateApiKey(database.prisma, token)).toBeNull();
    expect(await auditCount(database, "api_key.revoked", apiKey.id)).toBe(1);
  });

  it("lets only owners mint owner keys, and only owners and admins manage keys", async () => {
    const admin = await makeCtx(database, "ADMIN");
    await expect(createApiKey({ ctx: admin, input: { name: "x", role: "OWNER" } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(createApiKey({ ctx: admin, input: { name: "x", role: "ADMIN" } })).resolves.toBeTruthy();
    for (const role of ["SECURITY", "DEVELOPER", "VIEWER"] as const) {
      const ctx = await makeCtx(database, role);
      await expect(createApiKey({ ctx, input: { name: "x", role: "VIEWER" } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listApiKeys({ ctx })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("a key cannot mint a key with more power than its own role", async () => {
    const owner = await makeCtx(database, "OWNER");
    const { token } = await createApiKey({ ctx: owner, input: { name: "admin automation", role: "ADMIN" } });
    const actor = await authenticateApiKey(database.prisma, token);
    const ctx = { actor: actor!, requestId: "req_test", db: database.prisma };
    await expect(createApiKey({ ctx, input: { name: "escalate", role: "OWNER" } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
