// DCR administration: initial access tokens, approval, bulk delete, the "DCR · never used" and
// "Pending approval" filters, and pruning. Services against a fresh database; each write verb is
// audited and refused for roles that may not do it.
import { describe, expect, it } from "vitest";
import { hashSecret } from "@/lib/oauth/client-credentials-secret";
import { createTestDb } from "@/test/db";
import { auditCount, insertServer, makeCtx, unique } from "@/test/factories";
import {
  approveClient,
  createClient,
  createInitialAccessToken,
  deleteClients,
  ForbiddenError,
  listClients,
  listInitialAccessTokens,
  NotFoundError,
  pruneDcrClients,
  revokeInitialAccessToken,
  systemContext,
  updateServer,
} from "@/lib/services";
import { touchClient, findOAuthClient } from "@/lib/services/oauth/oauth-client";

const database = await createTestDb();
const DAY = 86_400_000;

async function dcrClient(
  serverId: string,
  extra: {
    createdAt?: Date;
    lastUsedAt?: Date | null;
    approvalStatus?: "PENDING" | "APPROVED";
    registration?: "DYNAMIC" | "MANUAL" | "METADATA_DOCUMENT";
  } = {},
) {
  const id = `cli_${unique("t")}`;
  return database.prisma.oAuthClient.create({
    data: {
      id,
      serverId,
      clientId:
        extra.registration === "METADATA_DOCUMENT" ? `https://${unique("h")}.example.com/c.json` : `ghc_${unique("x")}`,
      name: unique("client"),
      registration: extra.registration ?? "DYNAMIC",
      isConfidential: false,
      tokenEndpointAuthMethod: "none",
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUris: ["http://127.0.0.1/cb"],
      approvalStatus: extra.approvalStatus ?? "APPROVED",
      ...(extra.createdAt ? { createdAt: extra.createdAt } : {}),
      lastUsedAt: extra.lastUsedAt ?? null,
    },
  });
}

describe("initial access tokens", () => {
  it("created with an expiry and a maximum number of uses, shown once, stored only as SHA-256, audited", async () => {
    const server = await insertServer(database);
    const ctx = await makeCtx(database, "ADMIN");
    const { token, initialAccessToken } = await createInitialAccessToken({
      ctx,
      serverSlug: server.slug,
      input: { name: "CI pipeline", expiresIn: "30d", maxUses: 10 },
    });
    expect(token).toMatch(/^ghi_[A-Za-z0-9_-]{43}$/);
    expect(initialAccessToken).toMatchObject({
      name: "CI pipeline",
      maxUses: 10,
      uses: 0,
      status: "active",
      prefix: token.slice(0, 12),
      revokedAt: null,
    });
    const expires = Date.parse(initialAccessToken.expiresAt!);
    expect(expires - Date.now()).toBeGreaterThan(29 * DAY);
    expect(expires - Date.now()).toBeLessThanOrEqual(30 * DAY);
    const row = await database.prisma.initialAccessToken.findUniqueOrThrow({ where: { id: initialAccessToken.id } });
    expect(row.hash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await auditCount(database, "initial_access_token.created", row.id)).toBe(1);
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "initial_access_token.created", targetId: row.id },
    });
    expect(JSON.stringify(event)).not.toContain(token);

    const listed = await listInitialAccessTokens({ ctx: await makeCtx(database, "VIEWER"), serverSlug: server.slug });
    expect(listed.map((t) => t.id)).toEqual([row.id]);
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it("revocation is audited once; the list shows revoked, expired and used-up tokens as such", async () => {
    const server = await insertServer(database);
    const ctx = await makeCtx(database, "OWNER");
    const a = await createInitialAccessToken({ ctx, serverSlug: server.slug, input: { name: "a" } });
    const b = await createInitialAccessToken({ ctx, serverSlug: server.slug, input: { name: "b", maxUses: 1 } });
    const c = await createInitialAccessToken({ ctx, serverSlug: server.slug, input: { name: "c" } });
    expect(
      (await revokeInitialAccessToken({ ctx, serverSlug: server.slug, input: { tokenId: a.initialAccessToken.id } }))
        .status,
    ).toBe("revoked");
    await revokeInitialAccessToken({ ctx, serverSlug: server.slug, input: { tokenId: a.initialAccessToken.id } });
    expect(await auditCount(database, "initial_access_token.revoked", a.initialAccessToken.id)).toBe(1);
    await database.prisma.initialAccessToken.update({ where: { id: b.initialAccessToken.id }, data: { uses: 1 } });
    await database.prisma.initialAccessToken.update({
      where: { id: c.initialAccessToken.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    const status = Object.fromEntries(
      (await listInitialAccessTokens({ ctx, serverSlug: server.slug })).map((t) => [t.name, t.status]),
    );
    expect(status).toEqual({ a: "revoked", b: "used_up", c: "expired" });
  });

  it("another server's token cannot be revoked through this server", async () => {
    const mine = await insertServer(database);
    const theirs = await insertServer(database);
    const ctx = await makeCtx(database, "ADMIN");
    const t = await createInitialAccessToken({ ctx, serverSlug: theirs.slug, input: { name: "theirs" } });
    await expect(
      revokeInitialAccessToken({ ctx, serverSlug: mine.slug, input: { tokenId: t.initialAccessToken.id } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("bad input gets field errors: no name, zero uses, an unknown expiry", async () => {
    const server = await insertServer(database);
    const ctx = await makeCtx(database, "ADMIN");
    await expect(createInitialAccessToken({ ctx, serverSlug: server.slug, input: { name: " " } })).rejects.toThrow(
      "Enter a name",
    );
    await expect(
      createInitialAccessToken({ ctx, serverSlug: server.slug, input: { name: "x", maxUses: 0 } }),
    ).rejects.toThrow("at least 1");
    await expect(
      createInitialAccessToken({ ctx, serverSlug: server.slug, input: { name: "x", expiresIn: "forever" as "7d" } }),
    ).rejects.toThrow("expires");
  });

  it("is refused for a DEVELOPER, SECURITY and VIEWER", async () => {
    const server = await insertServer(database);
    for (const role of ["DEVELOPER", "SECURITY", "VIEWER"] as const) {
      const ctx = await makeCtx(database, role);
      await expect(
        createInitialAccessToken({ ctx, serverSlug: server.slug, input: { name: "x" } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        revokeInitialAccessToken({ ctx, serverSlug: server.slug, input: { tokenId: "iat_x" } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("approveClient", () => {
  it("needs clients.write: a developer approves, a viewer and security may not", async () => {
    const server = await insertServer(database);
    const pending = await dcrClient(server.id, { approvalStatus: "PENDING" });
    for (const role of ["VIEWER", "SECURITY"] as const) {
      await expect(
        approveClient({ ctx: await makeCtx(database, role), serverSlug: server.slug, input: { clientId: pending.id } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    const dev = await makeCtx(database, "DEVELOPER");
    expect(
      (await approveClient({ ctx: dev, serverSlug: server.slug, input: { clientId: pending.clientId } }))
        .approvalStatus,
    ).toBe("APPROVED");
    expect(await auditCount(database, "client.approved", pending.id)).toBe(1);
  });
});

describe("deleteClients (bulk delete)", () => {
  it("deletes the selected clients of this server only, one client.deleted event each", async () => {
    const server = await insertServer(database);
    const other = await insertServer(database);
    const a = await dcrClient(server.id);
    const b = await dcrClient(server.id);
    const keep = await dcrClient(server.id);
    const foreign = await dcrClient(other.id);
    const ctx = await makeCtx(database, "ADMIN");
    const result = await deleteClients({
      ctx,
      serverSlug: server.slug,
      input: { clientIds: [a.id, b.id, foreign.id, "cli_absent"] },
    });
    expect(result).toEqual({ deleted: 2, notFound: 2 });
    expect(await database.prisma.oAuthClient.count({ where: { id: { in: [a.id, b.id] } } })).toBe(0);
    expect(await database.prisma.oAuthClient.count({ where: { id: { in: [keep.id, foreign.id] } } })).toBe(2);
    expect(await auditCount(database, "client.deleted", a.id)).toBe(1);
    expect(await auditCount(database, "client.deleted", b.id)).toBe(1);
    expect(await auditCount(database, "client.deleted", foreign.id)).toBe(0);
  });

  it("is refused for a DEVELOPER (clients.delete), and needs at least one id", async () => {
    const server = await insertServer(database);
    const a = await dcrClient(server.id);
    await expect(
      deleteClients({
        ctx: await makeCtx(database, "DEVELOPER"),
        serverSlug: server.slug,
        input: { clientIds: [a.id] },
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      deleteClients({ ctx: await makeCtx(database, "ADMIN"), serverSlug: server.slug, input: { clientIds: [] } }),
    ).rejects.toThrow("Select at least one client");
  });
});

describe("Clients list filters", () => {
  it("“DCR · never used” lists DCR clients without a last use; “Pending approval” lists those awaiting approval", async () => {
    const server = await insertServer(database);
    const ctx = await makeCtx(database, "VIEWER");
    const unused = await dcrClient(server.id);
    const pending = await dcrClient(server.id, { approvalStatus: "PENDING" });
    await dcrClient(server.id, { lastUsedAt: new Date() });
    await dcrClient(server.id, { registration: "MANUAL" });
    const never = await listClients({ ctx, serverSlug: server.slug, input: { type: "dcr_unused" } });
    expect(never.clients.map((c) => c.id).sort()).toEqual([unused.id, pending.id].sort());
    const waiting = await listClients({ ctx, serverSlug: server.slug, input: { status: "pending" } });
    expect(waiting.clients.map((c) => c.id)).toEqual([pending.id]);
    expect(waiting.clients[0]?.approvalStatus).toBe("PENDING");
  });
});

describe("pruneDcrClients", () => {
  it("deletes DCR clients never used within 7 days and those idle for 90 days; never pre-registered or CIMD ones; audited with counts", async () => {
    const server = await insertServer(database);
    const now = new Date("2027-06-01T00:00:00Z");
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const neverUsedOld = await dcrClient(server.id, { createdAt: ago(8) });
    const neverUsedNew = await dcrClient(server.id, { createdAt: ago(6) });
    const idle = await dcrClient(server.id, { createdAt: ago(200), lastUsedAt: ago(91) });
    const active = await dcrClient(server.id, { createdAt: ago(200), lastUsedAt: ago(89) });
    const manual = await dcrClient(server.id, { createdAt: ago(400), registration: "MANUAL" });
    const cimd = await dcrClient(server.id, { createdAt: ago(400), registration: "METADATA_DOCUMENT" });
    const ctx = systemContext("test", { db: database.prisma });

    const pruned = await pruneDcrClients({ ctx, now });
    expect(pruned.find((p) => p.serverId === server.id)).toEqual({
      serverId: server.id,
      slug: server.slug,
      neverUsed: 1,
      idle: 1,
    });
    const left = await database.prisma.oAuthClient.findMany({ where: { serverId: server.id }, select: { id: true } });
    expect(left.map((c) => c.id).sort()).toEqual([neverUsedNew.id, active.id, manual.id, cimd.id].sort());
    expect(left.map((c) => c.id)).not.toContain(neverUsedOld.id);
    expect(left.map((c) => c.id)).not.toContain(idle.id);
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "client.pruned", serverId: server.id },
    });
    expect(event.details).toMatchObject({
      neverUsed: 1,
      idle: 1,
      unusedDays: 7,
      idleDays: 90,
      clientIds: [neverUsedOld.clientId, idle.clientId],
    });

    // A second run finds nothing and records nothing.
    expect((await pruneDcrClients({ ctx, now })).find((p) => p.serverId === server.id)).toBeUndefined();
    expect(await auditCount(database, "client.pruned")).toBeGreaterThanOrEqual(1);
    expect(await database.prisma.auditEvent.count({ where: { action: "client.pruned", serverId: server.id } })).toBe(1);
  });

  it("uses each server's own numbers; 0 turns a rule off", async () => {
    const admin = await makeCtx(database, "ADMIN");
    const server = await insertServer(database);
    await updateServer({
      ctx: admin,
      input: {
        serverId: server.id,
        name: server.name,
        slug: server.slug,
        resourceUrl: server.resourceUrl,
        scopes: server.scopes,
        dcrPruneUnusedDays: 0,
        dcrPruneIdleDays: 30,
      },
    });
    const now = new Date("2027-06-01T00:00:00Z");
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const young = await dcrClient(server.id, { createdAt: ago(20) }); // never used, but unused-days pruning is off
    const old = await dcrClient(server.id, { createdAt: ago(31) }); // never used for 31 days: idle
    const used = await dcrClient(server.id, { createdAt: ago(100), lastUsedAt: ago(29) });
    await pruneDcrClients({ ctx: systemContext("test", { db: database.prisma }), now });
    const left = (
      await database.prisma.oAuthClient.findMany({ where: { serverId: server.id }, select: { id: true } })
    ).map((c) => c.id);
    expect(left.sort()).toEqual([young.id, used.id].sort());
    expect(left).not.toContain(old.id);
  });

  it("is refused for roles without clients.delete", async () => {
    await expect(pruneDcrClients({ ctx: await makeCtx(database, "DEVELOPER") })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("last used (touchClient)", () => {
  it("moves at most once a minute per client: one write, not one per token", async () => {
    const server = await insertServer(database);
    const ctx = systemContext("test", { db: database.prisma });
    const { client } = await createClient({ ctx, serverSlug: server.slug, input: { name: unique("touch") } });
    const record = (await findOAuthClient(ctx, server.id, client.clientId))!;
    const t0 = new Date("2027-01-01T00:00:00Z");
    await touchClient(ctx, record, t0);
    await touchClient(ctx, record, new Date(t0.getTime() + 30_000));
    const lastUsed = async () =>
      (await database.prisma.oAuthClient.findUniqueOrThrow({ where: { id: client.id } })).lastUsedAt?.toISOString();
    expect(await lastUsed()).toBe(t0.toISOString());
    const t1 = new Date(t0.getTime() + 61_000);
    await touchClient(ctx, record, t1);
    expect(await lastUsed()).toBe(t1.toISOString());
  });
});
