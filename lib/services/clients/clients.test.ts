import { describe, expect, it } from "vitest";
import { verifyClientSecret } from "@/lib/oauth/client-credentials-secret";
import { createTestDb } from "@/test/db";
import { auditCount, insertServer, makeCtx } from "@/test/factories";
import {
  createClient,
  deleteClient,
  ForbiddenError,
  getClient,
  listClients,
  NotFoundError,
  PreconditionFailedError,
  revokePreviousClientSecret,
  rotateClientSecret,
  setClientDisabled,
  updateClient,
  ValidationError,
} from "@/lib/services";

const database = await createTestDb();
const server = await insertServer(database);

async function storedSecrets(id: string) {
  return database.prisma.oAuthClient.findUniqueOrThrow({
    where: { id },
    select: { secretHash: true, previousSecretHash: true, previousSecretExpiresAt: true },
  });
}

describe("createClient", () => {
  it("without redirect URIs: a confidential client-credentials client whose secret is stored only as a hash", async () => {
    const ctx = await makeCtx(database, "DEVELOPER");
    const { client, clientSecret } = await createClient({
      ctx,
      serverSlug: server.slug,
      input: { name: "Nightly sync", allowedScopes: ["mcp:tools"] },
    });
    expect(client.clientId).toMatch(/^ghc_/);
    expect(client.flow).toBe("client_credentials");
    expect(client.grantTypes).toEqual(["client_credentials"]);
    expect(client.isConfidential).toBe(true);
    expect(client.registration).toBe("MANUAL");
    expect(clientSecret).toMatch(/^ghs_/);
    expect(client.secretLast4).toBe(clientSecret!.slice(-4));
    const row = await database.prisma.oAuthClient.findUniqueOrThrow({ where: { id: client.id } });
    expect(JSON.stringify(row)).not.toContain(clientSecret!);
    expect(verifyClientSecret(row, clientSecret!, new Date())).toBe("current");
    expect(await auditCount(database, "client.created", client.id)).toBe(1);
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "client.created", targetId: client.id },
    });
    expect(JSON.stringify(event)).not.toContain(clientSecret!);
    expect(event.actorLabel).toBe(ctx.actor.type === "user" ? ctx.actor.email : "");
  });

  it("with redirect URIs: authorization code + refresh token, confidential by default, public on request", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const redirectUris = ["https://app.example.com/cb", "http://127.0.0.1:8976/cb"];
    const confidential = await createClient({ ctx, serverSlug: server.slug, input: { name: "Web app", redirectUris } });
    expect(confidential.client.flow).toBe("authorization_code");
    expect(confidential.client.grantTypes).toEqual(["authorization_code", "refresh_token"]);
    expect(confidential.client.tokenEndpointAuthMethod).toBe("client_secret_basic");
    expect(confidential.clientSecret).not.toBeNull();
    const pub = await createClient({
      ctx,
      serverSlug: server.slug,
      input: { name: "Desktop app", redirectUris, isPublic: true },
    });
    expect(pub.clientSecret).toBeNull();
    expect(pub.client.isConfidential).toBe(false);
    expect(pub.client.tokenEndpointAuthMethod).toBe("none");
  });

  it("refuses bad redirect URIs by row and saves nothing", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const before = await database.prisma.oAuthClient.count();
    const attempt = createClient({
      ctx,
      serverSlug: server.slug,
      input: {
        name: "Bad",
        redirectUris: ["https://ok.example/cb", "http://evil.example/cb", "https://a.example/cb#x"],
      },
    });
    await expect(attempt).rejects.toMatchObject({
      issues: [{ path: ["redirectUris", 1] }, { path: ["redirectUris", 2] }],
    });
    expect(await database.prisma.oAuthClient.count()).toBe(before);
  });

  it("refuses scopes the server does not have, and names over 100 characters", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    await expect(
      createClient({ ctx, serverSlug: server.slug, input: { name: "X", allowedScopes: ["nope"] } }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(createClient({ ctx, serverSlug: server.slug, input: { name: "x".repeat(101) } })).rejects.toThrow();
  });

  it("is refused for a VIEWER and a SECURITY member", async () => {
    for (const role of ["VIEWER", "SECURITY"] as const) {
      const ctx = await makeCtx(database, role);
      await expect(createClient({ ctx, serverSlug: server.slug, input: { name: "X" } })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
  });
});

describe("updateClient", () => {
  it("edits name, redirect URIs and scopes, and records before and after", async () => {
    const ctx = await makeCtx(database, "DEVELOPER");
    const { client } = await createClient({
      ctx,
      serverSlug: server.slug,
      input: { name: "Before", redirectUris: ["https://a.example/cb"] },
    });
    const after = await updateClient({
      ctx,
      serverSlug: server.slug,
      input: {
        clientId: client.id,
        name: "After",
        redirectUris: ["https://b.example/cb"],
        allowedScopes: ["mcp:admin"],
      },
    });
    expect(after).toMatchObject({
      name: "After",
      redirectUris: ["https://b.example/cb"],
      allowedScopes: ["mcp:admin"],
    });
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "client.updated", targetId: client.id },
    });
    expect(event.details).toMatchObject({
      before: { name: "Before", redirectUris: ["https://a.example/cb"] },
      after: { name: "After" },
    });
  });

  it("keeps the flow: no redirect URIs for client credentials, at least one for authorization code", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const m2m = await createClient({ ctx, serverSlug: server.slug, input: { name: "M2M" } });
    await expect(
      updateClient({
        ctx,
        serverSlug: server.slug,
        input: { clientId: m2m.client.id, name: "M2M", redirectUris: ["https://a.example/cb"] },
      }),
    ).rejects.toMatchObject({ fieldErrors: { redirectUris: [expect.stringContaining("client-credentials")] } });
    const web = await createClient({
      ctx,
      serverSlug: server.slug,
      input: { name: "Web", redirectUris: ["https://a.example/cb"] },
    });
    await expect(
      updateClient({ ctx, serverSlug: server.slug, input: { clientId: web.client.id, name: "Web", redirectUris: [] } }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("is refused for a VIEWER", async () => {
    const admin = await makeCtx(database, "ADMIN");
    const { client } = await createClient({ ctx: admin, serverSlug: server.slug, input: { name: "X" } });
    const viewer = await makeCtx(database, "VIEWER");
    await expect(
      updateClient({ ctx: viewer, serverSlug: server.slug, input: { clientId: client.id, name: "Y" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("rotateClientSecret", () => {
  it("keeps the previous secret working for the grace period, then only the new one", async () => {
    const ctx = await makeCtx(database, "DEVELOPER");
    const created = await createClient({ ctx, serverSlug: server.slug, input: { name: "Rotating" } });
    const now = new Date("2026-06-01T00:00:00Z");
    const rotated = await rotateClientSecret({
      ctx,
      serverSlug: server.slug,
      input: { clientId: created.client.id, gracePeriod: "1h" },
      now,
    });
    expect(rotated.clientSecret).not.toBe(created.clientSecret);
    const stored = await storedSecrets(created.client.id);
    expect(verifyClientSecret(stored, rotated.clientSecret, now)).toBe("current");
    expect(verifyClientSecret(stored, created.clientSecret!, new Date(now.getTime() + 59 * 60_000))).toBe("previous");
    expect(verifyClientSecret(stored, created.clientSecret!, new Date(now.getTime() + 61 * 60_000))).toBeNull();
    expect(rotated.client.previousSecretLast4).toBe(created.clientSecret!.slice(-4));
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "client.secret_rotated", targetId: created.client.id },
    });
    expect(event.details).toMatchObject({ gracePeriod: "1h", previousSecretWorksUntil: "2026-06-01T01:00:00.000Z" });
    expect(JSON.stringify(event)).not.toContain(rotated.clientSecret);
  });

  it("revokes the previous secret before its grace period ends, audited; a second revoke has nothing to do", async () => {
    const ctx = await makeCtx(database, "DEVELOPER");
    const created = await createClient({ ctx, serverSlug: server.slug, input: { name: "Early end" } });
    const rotated = await rotateClientSecret({
      ctx,
      serverSlug: server.slug,
      input: { clientId: created.client.id, gracePeriod: "7d" },
    });
    expect(verifyClientSecret(await storedSecrets(created.client.id), created.clientSecret!, new Date())).toBe(
      "previous",
    );
    const client = await revokePreviousClientSecret({
      ctx,
      serverSlug: server.slug,
      input: { clientId: created.client.id },
    });
    expect(client.previousSecretLast4).toBeNull();
    expect(client.previousSecretExpiresAt).toBeNull();
    const stored = await storedSecrets(created.client.id);
    expect(verifyClientSecret(stored, created.clientSecret!, new Date())).toBeNull();
    expect(verifyClientSecret(stored, rotated.clientSecret, new Date())).toBe("current");
    expect(await auditCount(database, "client.previous_secret_revoked", created.client.id)).toBe(1);
    await expect(
      revokePreviousClientSecret({ ctx, serverSlug: server.slug, input: { clientId: created.client.id } }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    const viewer = await makeCtx(database, "VIEWER");
    await expect(
      revokePreviousClientSecret({ ctx: viewer, serverSlug: server.slug, input: { clientId: created.client.id } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("revokes the old secret at once with no grace period", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const created = await createClient({ ctx, serverSlug: server.slug, input: { name: "Immediate" } });
    const rotated = await rotateClientSecret({
      ctx,
      serverSlug: server.slug,
      input: { clientId: created.client.id, gracePeriod: "none" },
    });
    const stored = await storedSecrets(created.client.id);
    expect(verifyClientSecret(stored, created.clientSecret!, new Date())).toBeNull();
    expect(verifyClientSecret(stored, rotated.clientSecret, new Date())).toBe("current");
  });

  it("shows the previous secret's end while its window is open", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const created = await createClient({ ctx, serverSlug: server.slug, input: { name: "Window" } });
    const rotated = await rotateClientSecret({
      ctx,
      serverSlug: server.slug,
      input: { clientId: created.client.id, gracePeriod: "24h" },
    });
    expect(rotated.client.previousSecretLast4).toBe(created.clientSecret!.slice(-4));
    expect(Date.parse(rotated.client.previousSecretExpiresAt!)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  });

  it("has nothing to rotate for a public client, and is refused for a VIEWER", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const pub = await createClient({
      ctx,
      serverSlug: server.slug,
      input: { name: "Public", redirectUris: ["http://127.0.0.1/cb"], isPublic: true },
    });
    await expect(
      rotateClientSecret({ ctx, serverSlug: server.slug, input: { clientId: pub.client.id } }),
    ).rejects.toBeInstanceOf(ValidationError);
    const viewer = await makeCtx(database, "VIEWER");
    await expect(
      rotateClientSecret({ ctx: viewer, serverSlug: server.slug, input: { clientId: pub.client.id } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("setClientDisabled", () => {
  it("disables and enables (SECURITY may), with audit events; a DEVELOPER may not", async () => {
    const admin = await makeCtx(database, "ADMIN");
    const { client } = await createClient({ ctx: admin, serverSlug: server.slug, input: { name: "Suspicious" } });
    const security = await makeCtx(database, "SECURITY");
    expect(
      (
        await setClientDisabled({
          ctx: security,
          serverSlug: server.slug,
          input: { clientId: client.id },
          disabled: true,
        })
      ).status,
    ).toBe("disabled");
    expect(await auditCount(database, "client.disabled", client.id)).toBe(1);
    expect(
      (
        await setClientDisabled({
          ctx: security,
          serverSlug: server.slug,
          input: { clientId: client.id },
          disabled: false,
        })
      ).status,
    ).toBe("active");
    expect(await auditCount(database, "client.enabled", client.id)).toBe(1);
    const developer = await makeCtx(database, "DEVELOPER");
    await expect(
      setClientDisabled({ ctx: developer, serverSlug: server.slug, input: { clientId: client.id }, disabled: true }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("deleteClient", () => {
  it("deletes after the exact name is typed, and audits it; a DEVELOPER may not delete", async () => {
    const admin = await makeCtx(database, "ADMIN");
    const { client } = await createClient({ ctx: admin, serverSlug: server.slug, input: { name: "Doomed" } });
    const developer = await makeCtx(database, "DEVELOPER");
    await expect(
      deleteClient({ ctx: developer, serverSlug: server.slug, input: { clientId: client.id, confirmName: "Doomed" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      deleteClient({ ctx: admin, serverSlug: server.slug, input: { clientId: client.id, confirmName: "doomed" } }),
    ).rejects.toMatchObject({
      fieldErrors: { confirmName: [expect.any(String)] },
    });
    await deleteClient({ ctx: admin, serverSlug: server.slug, input: { clientId: client.id, confirmName: "Doomed" } });
    await expect(getClient({ ctx: admin, serverSlug: server.slug, clientId: client.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await auditCount(database, "client.deleted", client.id)).toBe(1);
  });
});

describe("listClients", () => {
  it("searches, filters, sorts and pages with a cursor, scoped to one server", async () => {
    const admin = await makeCtx(database, "ADMIN");
    const own = await insertServer(database);
    const other = await insertServer(database);
    await createClient({ ctx: admin, serverSlug: other.slug, input: { name: "Elsewhere" } });
    const made = [];
    for (let i = 0; i < 30; i++) {
      const input =
        i % 3 === 0
          ? { name: `Agent ${String(i).padStart(2, "0")}`, redirectUris: ["https://a.example/cb"] }
          : { name: `Worker ${String(i).padStart(2, "0")}` };
      made.push((await createClient({ ctx: admin, serverSlug: own.slug, input })).client);
    }
    await database.prisma.oAuthClient.update({
      where: { id: made[5]!.id },
      data: { lastUsedAt: new Date("2026-01-02") },
    });
    await database.prisma.oAuthClient.update({
      where: { id: made[7]!.id },
      data: { lastUsedAt: new Date("2026-01-03") },
    });
    await setClientDisabled({ ctx: admin, serverSlug: own.slug, input: { clientId: made[1]!.id }, disabled: true });
    const viewer = await makeCtx(database, "VIEWER");
    const list = (input: Record<string, unknown>) => listClients({ ctx: viewer, serverSlug: own.slug, input });

    const first = await list({});
    expect(first.clients).toHaveLength(25);
    expect(first.total).toBe(30);
    expect(first.clients[0]?.id).toBe(made[29]?.id);
    const second = await list({ cursor: first.nextCursor });
    expect(second.clients).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.clients, ...second.clients].map((c) => c.id)).size).toBe(30);

    expect((await list({ q: "agent 1" })).clients.map((c) => c.name)).toEqual(["Agent 18", "Agent 15", "Agent 12"]);
    for (const q of ["%", "agent%1", "agent_1"]) expect((await list({ q })).clients, q).toEqual([]);
    const nul = Buffer.from(JSON.stringify({ s: "created", v: "2999-01-01T00:00:00.000Z", id: "cli_\u0000" })).toString(
      "base64url",
    );
    expect((await list({ cursor: nul })).clients.map((c) => c.id)).toEqual(first.clients.map((c) => c.id));
    expect((await list({ q: made[4]!.clientId.slice(4, 14) })).clients.map((c) => c.id)).toEqual([made[4]!.id]);
    expect((await list({ flow: "authorization_code" })).total).toBe(10);
    expect((await list({ flow: "client_credentials", status: "disabled" })).clients.map((c) => c.id)).toEqual([
      made[1]!.id,
    ]);
    expect((await list({ type: "DYNAMIC" })).total).toBe(0);

    const byName = await list({ sort: "name" });
    expect(byName.clients[0]?.name).toBe("Agent 00");
    const byNameNext = await list({ sort: "name", cursor: byName.nextCursor });
    expect(byNameNext.clients.map((c) => c.name)).toEqual([
      "Worker 23",
      "Worker 25",
      "Worker 26",
      "Worker 28",
      "Worker 29",
    ]);

    const byUse = await list({ sort: "last_used" });
    expect(byUse.clients.slice(0, 3).map((c) => c.id)).toEqual([made[7]!.id, made[5]!.id, made[29]!.id]);
    const byUseNext = await list({ sort: "last_used", cursor: byUse.nextCursor });
    expect(new Set([...byUse.clients, ...byUseNext.clients].map((c) => c.id)).size).toBe(30);

    expect((await list({ sort: "bogus", type: "nope", cursor: "garbage" })).clients).toHaveLength(25);
  });

  it("is refused for an end user, and says when the server does not exist", async () => {
    const endUser = await makeCtx(database, null);
    await expect(listClients({ ctx: endUser, serverSlug: server.slug, input: {} })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const viewer = await makeCtx(database, "VIEWER");
    await expect(listClients({ ctx: viewer, serverSlug: "no-such-server", input: {} })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
