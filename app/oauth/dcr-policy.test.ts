// The DCR policy (issue 5) through Gatehouse's own route handlers and a fresh database: mode
// (open / initial access token / off, META-09, REG-16), the redirect URI allowlist, the per-IP rate
// limit and the cap (REG-14), admin approval, and identical public registrations collapsing onto
// one client. Each refusal is an RFC error with a description a developer can act on.
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { insertUser, unique } from "@/test/factories";
import { inProcessFetch } from "@/test/in-process-fetch";
import { parseBearerChallenge } from "@gatehouse/mcp-resource-auth/bearer";
import {
  approveClient,
  createClient,
  createInitialAccessToken,
  createServer,
  getServerBySlug,
  revokeInitialAccessToken,
  systemContext,
  updateServer,
  type ServerDto,
} from "@/lib/services";
import { decideAuthorization, getPendingAuthorization, startAuthorization } from "@/lib/services/oauth/authorization";
import { fromIp } from "@/test/client-ip";

const database = await createTestDb();
const ctx = systemContext("test", { db: database.prisma });
const CB = "http://127.0.0.1:33418/callback";
const PUBLIC = { redirect_uris: [CB], token_endpoint_auth_method: "none", client_name: "Policy test" };

async function server(policy: Record<string, unknown> = {}): Promise<ServerDto> {
  const slug = unique("dcrp");
  return createServer({
    ctx,
    input: {
      name: `DCR policy ${slug}`,
      slug,
      resourceUrl: `https://${slug}.example.com/mcp`,
      scopes: [{ name: "mcp:tools" }],
      dcrMode: "OPEN",
      dcrRateLimitPerHour: 0,
      ...policy,
    },
  });
}

function register(slug: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return inProcessFetch(`http://localhost:3000/oauth/${slug}/register`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

async function metadataOf(slug: string): Promise<Record<string, unknown>> {
  return json(await inProcessFetch(`http://localhost:3000/.well-known/oauth-authorization-server/oauth/${slug}`));
}

const clientsOf = (serverId: string) => database.prisma.oAuthClient.count({ where: { serverId } });

function withServer(s: ServerDto, patch: Record<string, unknown>) {
  return updateServer({
    ctx,
    input: { serverId: s.id, name: s.name, slug: s.slug, resourceUrl: s.resourceUrl, scopes: s.scopes, ...patch },
  });
}

describe("mode: open, initial access token, off (META-09, REG-16)", () => {
  it("mode OFF turns the master switch off: no registration_endpoint, /register 404; OPEN brings both back", async () => {
    const s = await server();
    expect((await metadataOf(s.slug)).registration_endpoint).toBe(`http://localhost:3000/oauth/${s.slug}/register`);

    const off = await withServer(s, { dcrMode: "OFF" });
    expect(off).toMatchObject({ dcrMode: "OFF", dcrEnabled: false });
    expect(await metadataOf(s.slug)).not.toHaveProperty("registration_endpoint");
    const before = await clientsOf(s.id);
    expect((await register(s.slug, PUBLIC)).status).toBe(404);
    expect(await clientsOf(s.id)).toBe(before);

    const open = await withServer(s, { dcrMode: "OPEN" });
    expect(open).toMatchObject({ dcrMode: "OPEN", dcrEnabled: true });
    expect((await register(s.slug, PUBLIC)).status).toBe(201);
  });

  it("the legacy dcrEnabled switch maps onto the mode, and a TOKEN mode survives switching it back on", async () => {
    const s = await server({ dcrMode: "TOKEN" });
    expect(s).toMatchObject({ dcrMode: "TOKEN", dcrEnabled: true });
    expect(await withServer(s, { dcrEnabled: false })).toMatchObject({ dcrMode: "OFF", dcrEnabled: false });
    expect(await withServer(s, { dcrEnabled: true })).toMatchObject({ dcrMode: "OPEN", dcrEnabled: true });
    expect(await withServer(s, { dcrMode: "TOKEN" })).toMatchObject({ dcrMode: "TOKEN", dcrEnabled: true });
    expect(await withServer(s, { dcrEnabled: true })).toMatchObject({ dcrMode: "TOKEN", dcrEnabled: true });
    expect(await withServer(s, {})).toMatchObject({ dcrMode: "TOKEN", dcrEnabled: true });
    const created = await createServer({
      ctx,
      input: {
        name: "x",
        slug: unique("legacy"),
        resourceUrl: `https://${unique("l")}.example.com/mcp`,
        dcrEnabled: true,
      },
    });
    expect(created).toMatchObject({
      dcrMode: "OPEN",
      dcrEnabled: true,
      dcrRateLimitPerHour: 20,
      dcrMaxClients: null,
      dcrRequireApproval: false,
    });
  });

  it("TOKEN: without an initial access token → 401 with a Bearer invalid_token challenge, and nothing is stored", async () => {
    const s = await server({ dcrMode: "TOKEN" });
    expect((await metadataOf(s.slug)).registration_endpoint).toBeDefined();
    for (const headers of [{}, { authorization: "Basic dXNlcjpwdw==" }] as Record<string, string>[]) {
      const res = await register(s.slug, PUBLIC, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(parseBearerChallenge(res.headers.get("www-authenticate"))).toMatchObject({
        error: "invalid_token",
        error_description: expect.stringContaining("initial access token"),
      });
      expect(await json(res)).toMatchObject({
        error: "invalid_token",
        error_description: expect.stringContaining("Authorization: Bearer"),
      });
    }
    const wrong = await register(s.slug, PUBLIC, { authorization: "Bearer ghi_not-a-real-token" });
    expect(wrong.status).toBe(401);
    expect(await json(wrong)).toMatchObject({
      error: "invalid_token",
      error_description: "The initial access token is not valid for this MCP server.",
    });
    expect(await clientsOf(s.id)).toBe(0);
  });

  it("TOKEN: a valid token registers, each registration uses it once, and a used-up token → 401", async () => {
    const s = await server({ dcrMode: "TOKEN" });
    const { token, initialAccessToken } = await createInitialAccessToken({
      ctx,
      serverSlug: s.slug,
      input: { name: "Team", maxUses: 2, expiresIn: "7d" },
    });
    const auth = { authorization: `Bearer ${token}` };
    // A request the metadata rules refuse uses nothing up.
    const bad = await register(s.slug, { redirect_uris: ["http://evil.example/cb"] }, auth);
    expect(bad.status).toBe(400);
    expect((await register(s.slug, { ...PUBLIC, client_name: "one" }, auth)).status).toBe(201);
    expect((await register(s.slug, { ...PUBLIC, client_name: "two" }, auth)).status).toBe(201);
    expect(
      (await database.prisma.initialAccessToken.findUniqueOrThrow({ where: { id: initialAccessToken.id } })).uses,
    ).toBe(2);
    const third = await register(s.slug, { ...PUBLIC, client_name: "three" }, auth);
    expect(third.status).toBe(401);
    expect(third.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await json(third)).error_description).toContain("used up");
    expect(await clientsOf(s.id)).toBe(2);
    const row = await database.prisma.oAuthClient.findFirstOrThrow({ where: { serverId: s.id, name: "one" } });
    expect(row.createdByLabel).toContain("“Team”");
  });

  it("TOKEN: two registrations racing for a token's last use: exactly one gets it", async () => {
    const s = await server({ dcrMode: "TOKEN" });
    const { token } = await createInitialAccessToken({ ctx, serverSlug: s.slug, input: { name: "Once", maxUses: 1 } });
    const auth = { authorization: `Bearer ${token}` };
    const results = await Promise.all([
      register(s.slug, { ...PUBLIC, client_name: "a" }, auth),
      register(s.slug, { ...PUBLIC, client_name: "b" }, auth),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 401]);
    expect(await clientsOf(s.id)).toBe(1);
  });

  it("TOKEN: a revoked, an expired or another server's token → 401 saying which", async () => {
    const s = await server({ dcrMode: "TOKEN" });
    const other = await server({ dcrMode: "TOKEN" });
    const revoked = await createInitialAccessToken({ ctx, serverSlug: s.slug, input: { name: "Revoked", maxUses: 5 } });
    await revokeInitialAccessToken({ ctx, serverSlug: s.slug, input: { tokenId: revoked.initialAccessToken.id } });
    const expired = await createInitialAccessToken({ ctx, serverSlug: s.slug, input: { name: "Expired", maxUses: 5 } });
    await database.prisma.initialAccessToken.update({
      where: { id: expired.initialAccessToken.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const foreign = await createInitialAccessToken({
      ctx,
      serverSlug: other.slug,
      input: { name: "Other server", maxUses: 5 },
    });
    for (const [token, says] of [
      [revoked.token, "revoked"],
      [expired.token, "expired"],
      [foreign.token, "not valid for this MCP server"],
    ] as const) {
      const res = await register(s.slug, PUBLIC, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect((await json(res)).error_description).toContain(says);
    }
    expect(await clientsOf(s.id)).toBe(0);
  });

  it("OPEN ignores an Authorization header", async () => {
    const s = await server();
    expect((await register(s.slug, PUBLIC, { authorization: "Bearer whatever" })).status).toBe(201);
  });
});

describe("redirect URI allowlist", () => {
  it("presets: Claude's callbacks pass, anything else → 400 invalid_redirect_uri naming the URI and the policy", async () => {
    const s = await server({ dcrRedirectPresets: ["claude"] });
    for (const uri of ["https://claude.ai/api/mcp/auth_callback", "https://claude.com/api/mcp/auth_callback"]) {
      expect((await register(s.slug, { ...PUBLIC, redirect_uris: [uri], client_name: uri })).status).toBe(201);
    }
    for (const uri of ["https://claude.ai/api/mcp/auth_callback/x", "https://evil.example/api/mcp/auth_callback", CB]) {
      const res = await register(s.slug, {
        ...PUBLIC,
        redirect_uris: ["https://claude.ai/api/mcp/auth_callback", uri],
      });
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error).toBe("invalid_redirect_uri");
      expect(body.error_description).toContain(uri);
      expect(body.error_description).toContain("registration policy");
      expect(body.error_description).toContain("Claude");
    }
    expect(await clientsOf(s.id)).toBe(2);
  });

  it("presets and custom entries together: VS Code, Cursor, loopback, an exact URL and an exact host", async () => {
    const s = await server({
      dcrRedirectPresets: ["vscode", "cursor"],
      dcrRedirectCustom: ["https://app.example.com/oauth/cb", "Tools.Example.COM"],
    });
    expect(s.dcrRedirectCustom).toEqual(["https://app.example.com/oauth/cb", "tools.example.com"]);
    for (const uri of [
      "https://vscode.dev/redirect",
      "http://127.0.0.1:33418/",
      "cursor://anysphere.cursor-retrieval/oauth/user-1/callback",
      "https://app.example.com/oauth/cb",
      "https://tools.example.com/any",
    ]) {
      expect((await register(s.slug, { ...PUBLIC, redirect_uris: [uri], client_name: uri })).status, uri).toBe(201);
    }
    for (const uri of [
      "https://app.example.com/oauth/cb2",
      "https://tools.example.com.evil.test/cb",
      "https://x.tools.example.com/cb",
      "https://claude.ai/api/mcp/auth_callback",
    ]) {
      const res = await register(s.slug, { ...PUBLIC, redirect_uris: [uri] });
      expect(res.status, uri).toBe(400);
      expect(await json(res)).toMatchObject({
        error: "invalid_redirect_uri",
        error_description: expect.stringContaining(uri),
      });
    }
  });

  it("the registration rules still come first (REG-08), whatever the allowlist", async () => {
    const s = await server({ dcrRedirectCustom: ["app.example.com"] });
    const res = await register(s.slug, { ...PUBLIC, redirect_uris: ["https://app.example.com/cb#frag"] });
    expect(await json(res)).toMatchObject({
      error: "invalid_redirect_uri",
      error_description: expect.stringContaining("fragment"),
    });
  });

  it("bad custom entries are refused by the settings, each next to its row", async () => {
    const s = await server();
    const attempt = withServer(s, {
      dcrRedirectCustom: ["app.example.com", "*.example.com", "app.example.com/cb", "APP.example.com"],
    });
    await expect(attempt).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ["dcrRedirectCustom", 1], message: expect.stringContaining("Wildcards") }),
        expect.objectContaining({
          path: ["dcrRedirectCustom", 2],
          message: expect.stringContaining("exact redirect URI"),
        }),
        expect.objectContaining({ path: ["dcrRedirectCustom", 3], message: expect.stringContaining("listed twice") }),
      ]),
    });
  });
});

describe("per-IP rate limit (REG-14)", () => {
  it("the limit+1st registration from one address an hour → 429 with Retry-After; another address is unaffected", async () => {
    const s = await server({ dcrRateLimitPerHour: 3 });
    const from = (ip: string, name: string) => register(s.slug, { ...PUBLIC, client_name: name }, fromIp(ip));
    for (let i = 0; i < 3; i++) expect((await from("203.0.113.7", `c${i}`)).status).toBe(201);
    const limited = await from("203.0.113.7", "c4");
    expect(limited.status).toBe(429);
    const retry = Number(limited.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(3000);
    expect(retry).toBeLessThanOrEqual(3600);
    expect(await json(limited)).toMatchObject({
      error: "temporarily_unavailable",
      error_description: expect.stringContaining("3 an hour"),
    });
    expect((await from("198.51.100.9", "other")).status).toBe(201);
    expect(await clientsOf(s.id)).toBe(4);
  });

  it("0 turns the limit off", async () => {
    const s = await server({ dcrRateLimitPerHour: 0 });
    for (let i = 0; i < 25; i++)
      expect((await register(s.slug, { ...PUBLIC, client_name: `n${i}` }, fromIp("203.0.113.8"))).status).toBe(201);
  });
});

describe("cap on DCR clients", () => {
  it("counts DCR clients only; at the cap → 400 invalid_client_metadata, while pre-registered and CIMD clients keep working", async () => {
    const s = await server({ dcrMaxClients: 2 });
    const { client: manual, clientSecret } = await createClient({
      ctx,
      serverSlug: s.slug,
      input: { name: "Pre-registered", allowedScopes: ["mcp:tools"] },
    });
    await database.prisma.oAuthClient.create({
      data: {
        id: unique("cli"),
        serverId: s.id,
        clientId: "https://tool.example.com/client.json",
        name: "CIMD tool",
        registration: "METADATA_DOCUMENT",
        isConfidential: false,
        tokenEndpointAuthMethod: "none",
        grantTypes: ["authorization_code"],
        redirectUris: [CB],
      },
    });
    expect((await register(s.slug, { ...PUBLIC, client_name: "first" })).status).toBe(201);
    expect((await register(s.slug, { redirect_uris: [CB], client_name: "second" })).status).toBe(201);
    const full = await register(s.slug, { ...PUBLIC, client_name: "third" });
    expect(full.status).toBe(400);
    expect(await json(full)).toMatchObject({
      error: "invalid_client_metadata",
      error_description: expect.stringContaining("limit of 2 dynamically registered clients"),
    });
    expect(await database.prisma.oAuthClient.count({ where: { serverId: s.id, registration: "DYNAMIC" } })).toBe(2);

    // The identical public registration still answers (no new row), and the pre-registered client gets tokens.
    expect((await register(s.slug, { ...PUBLIC, client_name: "first" })).status).toBe(201);
    const token = await inProcessFetch(`http://localhost:3000/oauth/${s.slug}/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${manual.clientId}:${clientSecret}`).toString("base64")}`,
      },
      body: "grant_type=client_credentials",
    });
    expect(token.status).toBe(200);
  });
});

describe("admin approval", () => {
  it("a new DCR client waits PENDING: /authorize is an error page, client_credentials is refused; approved, it works", async () => {
    const s = await server({ dcrRequireApproval: true });
    const body = await json(await register(s.slug, { ...PUBLIC, client_name: "Needs approval" }));
    const row = await database.prisma.oAuthClient.findFirstOrThrow({
      where: { serverId: s.id, clientId: body.client_id as string },
    });
    expect(row.approvalStatus).toBe("PENDING");

    const u = await insertUser(database, null);
    const user = { id: u.id, email: u.email, name: null, role: null };
    const authorize = () => {
      const url = new URL(`http://localhost:3000/oauth/${s.slug}/authorize`);
      const params = {
        response_type: "code",
        client_id: body.client_id as string,
        redirect_uri: CB,
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
        state: "s1",
        scope: "mcp:tools",
      };
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      return startAuthorization(new Request(url), s.slug, user);
    };
    const waiting = await authorize();
    expect(waiting).toMatchObject({
      kind: "error_page",
      status: 403,
      description: expect.stringContaining("awaits an administrator's approval"),
    });
    // Not even an error is redirected to a pending client's callback.
    const badScope = new URL(
      `http://localhost:3000/oauth/${s.slug}/authorize?response_type=code&client_id=${String(body.client_id)}&redirect_uri=${encodeURIComponent(CB)}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&scope=bogus`,
    );
    expect(await startAuthorization(new Request(badScope), s.slug, user)).toMatchObject({
      kind: "error_page",
      status: 403,
    });

    const confidential = await json(
      await register(s.slug, {
        redirect_uris: [CB],
        grant_types: ["client_credentials"],
        token_endpoint_auth_method: "client_secret_basic",
        client_name: "m2m",
      }),
    );
    const cc = () =>
      inProcessFetch(`http://localhost:3000/oauth/${s.slug}/token`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${String(confidential.client_id)}:${String(confidential.client_secret)}`).toString("base64")}`,
        },
        body: "grant_type=client_credentials",
      });
    const refused = await cc();
    expect(refused.status).toBe(400);
    expect(await json(refused)).toMatchObject({
      error: "unauthorized_client",
      error_description: expect.stringContaining("approval"),
    });

    const admin = systemContext("test-admin", { db: database.prisma });
    const approved = await approveClient({ ctx: admin, serverSlug: s.slug, input: { clientId: row.id } });
    expect(approved.approvalStatus).toBe("APPROVED");
    expect(await database.prisma.auditEvent.count({ where: { action: "client.approved", targetId: row.id } })).toBe(1);
    await approveClient({ ctx: admin, serverSlug: s.slug, input: { clientId: row.id } });
    expect(await database.prisma.auditEvent.count({ where: { action: "client.approved", targetId: row.id } })).toBe(1);

    const started = await authorize();
    expect(started.kind).toBe("consent");
    if (started.kind !== "consent") return;
    const location = new URL(await decideAuthorization(s.slug, started.requestId, user, true));
    expect(location.searchParams.get("code")).toBeTruthy();

    await approveClient({ ctx: admin, serverSlug: s.slug, input: { clientId: String(confidential.client_id) } });
    await new Promise((r) => setTimeout(r, 1100)); // the token endpoint's client cache holds a second
    expect((await cc()).status).toBe(200);
  });

  it("the consent screen says so if a pending client ever gets there, and Allow is refused", async () => {
    const s = await server({ dcrRequireApproval: false });
    const body = await json(await register(s.slug, { ...PUBLIC, client_name: "Later pending" }));
    const u = await insertUser(database, null);
    const user = { id: u.id, email: u.email, name: null, role: null };
    const url = new URL(`http://localhost:3000/oauth/${s.slug}/authorize`);
    const params = {
      response_type: "code",
      client_id: body.client_id as string,
      redirect_uri: CB,
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
      scope: "mcp:tools",
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const started = await startAuthorization(new Request(url), s.slug, user);
    if (started.kind !== "consent") throw new Error("expected the consent screen");
    await database.prisma.oAuthClient.updateMany({
      where: { clientId: body.client_id as string },
      data: { approvalStatus: "PENDING" },
    });
    expect((await getPendingAuthorization(s.slug, started.requestId, user)).client.approvalStatus).toBe("PENDING");
    await expect(decideAuthorization(s.slug, started.requestId, user, true)).rejects.toThrow(
      "awaits an administrator's approval",
    );
  });
});

describe("identical public registrations (hygiene)", () => {
  it("the same name, software id, redirect URIs, grant types and auth method none → 201 with the same client_id, one row", async () => {
    const s = await server();
    const meta = { ...PUBLIC, software_id: "com.example.tool", software_version: "1.0", scope: "mcp:tools" };
    const first = await json(await register(s.slug, meta));
    const again = await register(s.slug, { ...meta, software_version: "1.1" });
    expect(again.status).toBe(201);
    const second = await json(again);
    expect(second.client_id).toBe(first.client_id);
    expect(second.client_id_issued_at).toBe(first.client_id_issued_at);
    expect(second.software_version).toBe("1.0"); // the registered metadata, as stored
    expect(await clientsOf(s.id)).toBe(1);
    expect(await database.prisma.auditEvent.count({ where: { action: "client.registered", serverId: s.id } })).toBe(1);

    // Concurrent identical registrations collapse too.
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => register(s.slug, { ...meta, client_name: "burst" }).then(json)),
    );
    expect(new Set(burst.map((b) => b.client_id)).size).toBe(1);
    expect(await clientsOf(s.id)).toBe(2);
  });

  it.each([
    ["another name", { client_name: "Other" }],
    ["another software id", { software_id: "com.example.other" }],
    ["other redirect URIs", { redirect_uris: ["http://127.0.0.1:9/cb"] }],
    ["other grant types", { grant_types: ["authorization_code", "refresh_token"], token_endpoint_auth_method: "none" }],
    ["another scope", { scope: "" }],
  ])("%s → a new client", async (_case, change) => {
    const s = await server();
    const meta = {
      ...PUBLIC,
      software_id: "com.example.tool",
      scope: "mcp:tools",
      grant_types: ["authorization_code"],
    };
    const a = await json(await register(s.slug, meta));
    const b = await json(await register(s.slug, { ...meta, ...change }));
    if (JSON.stringify(change).includes("grant_types")) {
      // authorization_code alone is stored as authorization_code + refresh_token: the same effective value.
      expect(b.client_id).toBe(a.client_id);
    } else {
      expect(b.client_id).not.toBe(a.client_id);
    }
  });

  it("never for confidential clients: each gets its own client and secret", async () => {
    const s = await server();
    const meta = {
      redirect_uris: [CB],
      token_endpoint_auth_method: "client_secret_basic",
      client_name: "Confidential",
    };
    const a = await json(await register(s.slug, meta));
    const b = await json(await register(s.slug, meta));
    expect(b.client_id).not.toBe(a.client_id);
    expect(b.client_secret).not.toBe(a.client_secret);
    expect(await clientsOf(s.id)).toBe(2);
  });

  it("a disabled client is not handed out again", async () => {
    const s = await server();
    const a = await json(await register(s.slug, PUBLIC));
    await database.prisma.oAuthClient.updateMany({
      where: { clientId: a.client_id as string },
      data: { disabledAt: new Date() },
    });
    const b = await json(await register(s.slug, PUBLIC));
    expect(b.client_id).not.toBe(a.client_id);
  });
});

describe("the policy is audited through server.updated", () => {
  it("before and after hold the DCR settings", async () => {
    const s = await server();
    await withServer(s, {
      dcrMode: "TOKEN",
      dcrRedirectPresets: ["claude", "cursor"],
      dcrRateLimitPerHour: 5,
      dcrMaxClients: 50,
      dcrRequireApproval: true,
      dcrPruneUnusedDays: 3,
      dcrPruneIdleDays: 30,
    });
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "server.updated", targetId: s.id },
      orderBy: { createdAt: "desc" },
    });
    expect(event.details).toMatchObject({
      before: {
        dcrMode: "OPEN",
        dcrRedirectPresets: [],
        dcrRateLimitPerHour: 0,
        dcrMaxClients: null,
        dcrRequireApproval: false,
        dcrPruneUnusedDays: 7,
        dcrPruneIdleDays: 90,
      },
      after: {
        dcrMode: "TOKEN",
        dcrRedirectPresets: ["claude", "cursor"],
        dcrRateLimitPerHour: 5,
        dcrMaxClients: 50,
        dcrRequireApproval: true,
        dcrPruneUnusedDays: 3,
        dcrPruneIdleDays: 30,
      },
    });
    expect(await getServerBySlug({ ctx, slug: s.slug })).toMatchObject({ dcrMode: "TOKEN", dcrMaxClients: 50 });
    // Clearing the cap.
    expect(await withServer(s, { dcrMaxClients: null })).toMatchObject({ dcrMaxClients: null });
  });
});

describe("works with a real client library", () => {
  it("oauth4webapi registers against a restricted, approval-gated server", async () => {
    const s = await server({ dcrRedirectPresets: ["loopback"], dcrRequireApproval: true });
    const issuer = new URL(`http://localhost:3000/oauth/${s.slug}`);
    const opts = { [oauth.customFetch]: inProcessFetch, [oauth.allowInsecureRequests]: true } as const;
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { ...opts, algorithm: "oauth2" }),
    );
    const client = await oauth.processDynamicClientRegistrationResponse(
      await oauth.dynamicClientRegistrationRequest(as, PUBLIC, opts),
    );
    expect(client.client_id).toMatch(/^ghc_/);
  });
});
