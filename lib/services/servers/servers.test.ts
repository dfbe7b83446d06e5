import { describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { auditCount, makeCtx, serverInput } from "@/test/factories";
import {
  ConflictError,
  createServer,
  ensureDemoServer,
  ForbiddenError,
  getServerBySlug,
  listServers,
  systemContext,
  updateServer,
} from "@/lib/services";

const database = await createTestDb();

describe("createServer", () => {
  it("creates a server with its scopes and writes server.created", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const server = await createServer({
      ctx,
      input: serverInput({ scopes: [{ name: "read", description: "Read" }, { name: "write" }] }),
    });
    expect(server.scopes.map((s) => s.name)).toEqual(["read", "write"]);
    expect(server.accessTokenTtl).toBe(600);
    expect(server.refreshTokenTtl).toBe(2_592_000);
    expect(server.issuer).toBe(`http://localhost:3000/oauth/${server.slug}`);
    expect(await auditCount(database, "server.created", server.id)).toBe(1);
  });

  it("canonicalises the resource URL's scheme and host", async () => {
    const ctx = await makeCtx(database, "OWNER");
    const server = await createServer({
      ctx,
      input: serverInput({ resourceUrl: "HTTPS://MCP-Canon.Example.COM:443/Mcp" }),
    });
    expect(server.resourceUrl).toBe("https://mcp-canon.example.com/Mcp");
  });

  it("refuses a duplicate slug or resource URL with a field error and writes nothing", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const first = await createServer({ ctx, input: serverInput() });
    const before = await database.prisma.mcpServer.count();
    const dupSlug = createServer({ ctx, input: serverInput({ slug: first.slug }) });
    await expect(dupSlug).rejects.toBeInstanceOf(ConflictError);
    await expect(dupSlug).rejects.toMatchObject({ fieldErrors: { slug: [expect.stringContaining("already used")] } });
    await expect(createServer({ ctx, input: serverInput({ resourceUrl: first.resourceUrl }) })).rejects.toMatchObject({
      fieldErrors: { resourceUrl: [expect.any(String)] },
    });
    expect(await database.prisma.mcpServer.count()).toBe(before);
  });

  it("rejects bad input: slug shape, non-https resource, fragment, duplicate scope", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    await expect(createServer({ ctx, input: serverInput({ slug: "Bad Slug" }) })).rejects.toThrow();
    await expect(
      createServer({ ctx, input: serverInput({ resourceUrl: "http://mcp.example.com/mcp" }) }),
    ).rejects.toThrow();
    await expect(
      createServer({ ctx, input: serverInput({ resourceUrl: "https://mcp.example.com/mcp#x" }) }),
    ).rejects.toThrow();
    await expect(
      createServer({ ctx, input: serverInput({ scopes: [{ name: "a" }, { name: "a" }] }) }),
    ).rejects.toThrow();
    const ok = await createServer({ ctx, input: serverInput({ resourceUrl: "http://127.0.0.1:8080/mcp" }) });
    expect(ok.resourceUrl).toBe("http://127.0.0.1:8080/mcp");
  });

  it("is refused for a DEVELOPER and a VIEWER before touching the database", async () => {
    for (const role of ["DEVELOPER", "VIEWER", "SECURITY"] as const) {
      const ctx = await makeCtx(database, role);
      await expect(createServer({ ctx, input: serverInput() })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("updateServer", () => {
  it("updates settings and scopes and records before and after", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const server = await createServer({ ctx, input: serverInput() });
    const updated = await updateServer({
      ctx,
      input: {
        ...serverInput({ slug: server.slug, resourceUrl: server.resourceUrl }),
        serverId: server.id,
        name: "Renamed",
        accessTokenTtl: 300,
        scopes: [{ name: "x" }],
      },
    });
    expect(updated.name).toBe("Renamed");
    expect(updated.accessTokenTtl).toBe(300);
    expect(updated.scopes).toEqual([{ name: "x", description: "" }]);
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "server.updated", targetId: server.id },
    });
    expect(event.details).toMatchObject({
      before: { name: server.name, accessTokenTtl: 600 },
      after: { name: "Renamed", accessTokenTtl: 300 },
    });
  });

  it("refuses another server's slug", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const a = await createServer({ ctx, input: serverInput() });
    const b = await createServer({ ctx, input: serverInput() });
    await expect(
      updateServer({ ctx, input: { ...serverInput({ slug: a.slug, resourceUrl: b.resourceUrl }), serverId: b.id } }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("is refused for a VIEWER", async () => {
    const ctx = await makeCtx(database, "VIEWER");
    await expect(updateServer({ ctx, input: { ...serverInput(), serverId: "srv_x" } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe("listServers and getServerBySlug", () => {
  it("lets every dashboard role read, and refuses end users", async () => {
    const admin = await makeCtx(database, "ADMIN");
    const created = await createServer({ ctx: admin, input: serverInput() });
    const viewer = await makeCtx(database, "VIEWER");
    expect((await listServers({ ctx: viewer })).some((s) => s.id === created.id)).toBe(true);
    expect((await getServerBySlug({ ctx: viewer, slug: created.slug })).id).toBe(created.id);
    const endUser = await makeCtx(database, null);
    await expect(listServers({ ctx: endUser })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("ensureDemoServer", () => {
  it("creates the demo server only when no server was ever created", async () => {
    const fresh = await createTestDb();
    const ctx = systemContext("first-start", { db: fresh.prisma });
    expect(await ensureDemoServer(ctx)).toBe(true);
    expect(await ensureDemoServer(ctx)).toBe(false);
    const demo = await fresh.prisma.mcpServer.findUniqueOrThrow({ where: { slug: "demo" }, include: { scopes: true } });
    expect(demo.resourceUrl).toBe("http://localhost:3000/mcp/demo");
    expect(demo.dcrEnabled).toBe(true);
    // mcp:tools for the tools, mcp:admin for the step-up tool server_settings.
    expect(demo.scopes.map((s) => s.name).sort()).toEqual(["mcp:admin", "mcp:tools"]);
  });
});

describe("CIMD policy on a server", () => {
  it("is stored on create and update, audited before and after, and left alone when absent", async () => {
    const ctx = await makeCtx(database, "ADMIN");
    const server = await createServer({
      ctx,
      input: serverInput({ cimdEnabled: true, cimdTrust: "ALLOWLIST", cimdHosts: ["App.Example.com"] }),
    });
    expect(server).toMatchObject({ cimdEnabled: true, cimdTrust: "ALLOWLIST", cimdHosts: ["app.example.com"] });
    const same = await updateServer({
      ctx,
      input: { ...serverInput({ slug: server.slug, resourceUrl: server.resourceUrl }), serverId: server.id },
    });
    expect(same).toMatchObject({ cimdEnabled: true, cimdTrust: "ALLOWLIST", cimdHosts: ["app.example.com"] });
    const off = await updateServer({
      ctx,
      input: {
        ...serverInput({ slug: server.slug, resourceUrl: server.resourceUrl }),
        serverId: server.id,
        cimdEnabled: false,
        cimdTrust: "DENYLIST",
        cimdHosts: ["bad.example"],
      },
    });
    expect(off).toMatchObject({ cimdEnabled: false, cimdTrust: "DENYLIST", cimdHosts: ["bad.example"] });
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "server.updated", targetId: server.id },
      orderBy: { createdAt: "desc" },
    });
    expect(event.details).toMatchObject({
      before: { cimdEnabled: true, cimdTrust: "ALLOWLIST" },
      after: { cimdEnabled: false, cimdTrust: "DENYLIST", cimdHosts: ["bad.example"] },
    });
  });

  it("the demo server accepts metadata documents from the start", async () => {
    const fresh = await createTestDb();
    await ensureDemoServer(systemContext("first-start", { db: fresh.prisma }));
    expect((await fresh.prisma.mcpServer.findUniqueOrThrow({ where: { slug: "demo" } })).cimdEnabled).toBe(true);
  });
});
