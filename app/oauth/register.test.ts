// Dynamic Client Registration (RFC 7591, checklist §3) through Gatehouse's own route handlers and a
// fresh database: one MCP server with DCR on, one with it off (META-09).
import * as oauth from "oauth4webapi";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyClientSecret } from "@/lib/oauth/client-credentials-secret";
import { metrics } from "@/lib/metrics/metrics";
import { createTestDb } from "@/test/db";
import { counted } from "@/test/metrics";
import { unique } from "@/test/factories";
import { inProcessFetch } from "@/test/in-process-fetch";
import { createClient, createServer, systemContext } from "@/lib/services";
import { startAuthorization } from "@/lib/services/oauth/authorization";

const database = await createTestDb();
const ctx = systemContext("test", { db: database.prisma });
const scopes = [{ name: "mcp:tools" }, { name: "mcp:admin" }];
const on = await createServer({
  ctx,
  input: {
    name: "DCR on",
    slug: unique("dcr-on"),
    resourceUrl: `https://${unique("on")}.example.com/mcp`,
    scopes,
    dcrEnabled: true,
    dcrRateLimitPerHour: 0,
  },
});
const off = await createServer({
  ctx,
  input: { name: "DCR off", slug: unique("dcr-off"), resourceUrl: `https://${unique("off")}.example.com/mcp`, scopes },
});
const issuerOf = (slug: string) => new URL(`http://localhost:3000/oauth/${slug}`);
const opts = { [oauth.customFetch]: inProcessFetch, [oauth.allowInsecureRequests]: true } as const;
const CB = "http://127.0.0.1:33418/callback";

let as: oauth.AuthorizationServer;

beforeAll(async () => {
  const issuer = issuerOf(on.slug);
  as = await oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { ...opts, algorithm: "oauth2" }),
  );
});

function register(body: unknown, slug = on.slug, contentType = "application/json"): Promise<Response> {
  return inProcessFetch(`${issuerOf(slug).href}/register`, {
    method: "POST",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function registered(body: unknown): Promise<Record<string, unknown>> {
  const res = await register(body);
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return (await res.json()) as Record<string, unknown>;
}

const clientCount = () => database.prisma.oAuthClient.count();

describe("POST /register (DCR on)", () => {
  it("REG-02 / REG-03 / REG-04 / REG-15: a JSON request → 201 echoing every effective value, a ghc_ client_id, an integer issue time, no-store", async () => {
    const before = Math.floor(Date.now() / 1000);
    const registered = await counted(metrics.dcrRegistrations, { outcome: "registered" });
    const res = await register({
      redirect_uris: [CB],
      token_endpoint_auth_method: "none",
      client_name: "T",
      application_type: "native",
      scope: "mcp:tools",
    });
    expect(res.status).toBe(201);
    expect(await counted(metrics.dcrRegistrations, { outcome: "registered" })).toBe(registered + 1);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      client_id: expect.stringMatching(/^ghc_[A-Za-z0-9_-]{24}$/),
      client_id_issued_at: expect.any(Number),
      redirect_uris: [CB],
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      client_name: "T",
      scope: "mcp:tools",
      application_type: "native",
    });
    const issuedAt = body.client_id_issued_at as number;
    expect(Number.isInteger(issuedAt)).toBe(true);
    expect(issuedAt).toBeGreaterThanOrEqual(before - 1);
    expect(issuedAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it("REG-06: a none (public) client gets no client_secret", async () => {
    const body = await registered({ redirect_uris: [CB], token_endpoint_auth_method: "none" });
    expect(body).not.toHaveProperty("client_secret");
    expect(body).not.toHaveProperty("client_secret_expires_at");
  });

  it("REG-05: a client_secret_basic client gets a client_secret and an integer client_secret_expires_at, and authenticates at the token endpoint", async () => {
    const body = await registered({
      redirect_uris: [CB],
      token_endpoint_auth_method: "client_secret_basic",
      grant_types: ["authorization_code", "client_credentials"],
    });
    expect(body.client_secret).toMatch(/^ghs_/);
    expect(body.client_secret_expires_at).toBe(0);
    expect(body.grant_types).toEqual(["authorization_code", "client_credentials", "refresh_token"]);

    const client: oauth.Client = { client_id: body.client_id as string };
    const secret = body.client_secret as string;
    const res = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(secret),
      { resource: on.resourceUrl },
      opts,
    );
    const tokens = await oauth.processClientCredentialsResponse(as, client, res);
    expect(decodeJwt(tokens.access_token)).toMatchObject({
      client_id: client.client_id,
      aud: on.resourceUrl,
      sub: `client:${client.client_id}`,
    });

    const wrong = await oauth.clientCredentialsGrantRequest(as, client, oauth.ClientSecretBasic("ghs_wrong"), {}, opts);
    expect(wrong.status).toBe(401);
  });

  it("REG-13: without token_endpoint_auth_method the client is client_secret_basic, and says so", async () => {
    const body = await registered({ redirect_uris: [CB] });
    expect(body.token_endpoint_auth_method).toBe("client_secret_basic");
    expect(body.client_secret).toMatch(/^ghs_/);
    expect(Number.isInteger(body.client_secret_expires_at)).toBe(true);
  });

  it("a code-only client with a secret authenticates at the token endpoint but may not use client_credentials (TOK-11)", async () => {
    const body = await registered({ redirect_uris: [CB], token_endpoint_auth_method: "client_secret_post" });
    const client: oauth.Client = { client_id: body.client_id as string };
    const res = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(body.client_secret as string),
      {},
      opts,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "unauthorized_client" });
  });

  it("REG-07: unknown fields are ignored (201) and not echoed", async () => {
    const body = await registered({
      redirect_uris: [CB],
      token_endpoint_auth_method: "none",
      foo: "bar",
      application_type: "native",
      software_id: "x",
      jwks: { keys: [] },
    });
    expect(body).not.toHaveProperty("foo");
    expect(body).not.toHaveProperty("jwks");
    expect(body.software_id).toBe("x");
  });

  it("GEN-08 / REG-12: a client_id (or secret) in the request is ignored; the server generates it", async () => {
    const body = await registered({ redirect_uris: [CB], client_id: "user-123", client_secret: "chosen-by-client" });
    expect(body.client_id).not.toBe("user-123");
    expect(body.client_id).toMatch(/^ghc_/);
    expect(body.client_secret).not.toBe("chosen-by-client");
    expect(await database.prisma.oAuthClient.count({ where: { clientId: "user-123" } })).toBe(0);
  });

  it("stores a DYNAMIC client (secret only as a hash) and records a client.registered audit event", async () => {
    const body = await registered({ redirect_uris: [CB], client_name: "Audit me", scope: "mcp:tools nope" });
    const row = await database.prisma.oAuthClient.findUniqueOrThrow({
      where: { serverId_clientId: { serverId: on.id, clientId: body.client_id as string } },
    });
    expect(row).toMatchObject({
      serverId: on.id,
      registration: "DYNAMIC",
      name: "Audit me",
      isConfidential: true,
      tokenEndpointAuthMethod: "client_secret_basic",
      redirectUris: [CB],
      grantTypes: ["authorization_code", "refresh_token"],
      // The registered scope (unknown ones dropped) is kept and echoed; it does not cap later
      // requests (MCP step-up), so the client may ask for any of the server's scopes.
      allowedScopes: [],
      metadata: expect.objectContaining({ scope: "mcp:tools" }),
    });
    expect(JSON.stringify(row)).not.toContain(body.client_secret as string);
    expect(verifyClientSecret(row, body.client_secret as string, new Date())).toBe("current");

    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "client.registered", targetId: row.id },
    });
    expect(JSON.stringify(event)).toContain(row.clientId);
    expect(JSON.stringify(event)).not.toContain(body.client_secret as string);
  });

  it("stores a public client's every column as given, awkward characters included (one prepared statement on PGlite)", async () => {
    const before = new Date();
    const name = `Quote's "tool" \\ {a,b} 🔑`;
    const uris = [CB, 'http://127.0.0.1:33418/cb?x="y",z'];
    const metadata = {
      redirect_uris: uris,
      token_endpoint_auth_method: "none",
      client_name: name,
      software_id: 'com.example."odd"',
      dpop_bound_access_tokens: true,
      scope: "mcp:tools",
    };
    const body = await registered(metadata);
    const after = new Date();
    const row = await database.prisma.oAuthClient.findUniqueOrThrow({
      where: { serverId_clientId: { serverId: on.id, clientId: body.client_id as string } },
    });
    expect(row).toMatchObject({
      registration: "DYNAMIC",
      name,
      redirectUris: uris,
      softwareId: 'com.example."odd"',
      isConfidential: false,
      dpopBoundAccessTokens: true,
      tokenEndpointAuthMethod: "none",
      secretHash: null,
      secretCreatedAt: null,
      approvalStatus: "APPROVED",
      metadata: expect.objectContaining({ client_name: name, redirect_uris: uris, scope: "mcp:tools" }),
    });
    // UTC wall-clock time, whatever the session's TimeZone; the response's issue time is the row's.
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
    expect(row.createdAt.getTime()).toBeLessThanOrEqual(after.getTime() + 1);
    expect(row.updatedAt).toEqual(row.createdAt);
    expect(body.client_id_issued_at).toBe(Math.floor(row.createdAt.getTime() / 1000));
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "client.registered", targetId: row.id },
    });
    expect(event).toMatchObject({ targetLabel: name, serverId: on.id, createdAt: row.createdAt });
    // The same registration again is the same client: nothing more is stored.
    const again = await registered(metadata);
    expect(again.client_id).toBe(body.client_id);
    expect(await database.prisma.auditEvent.count({ where: { action: "client.registered", targetId: row.id } })).toBe(
      1,
    );
  });

  it("still registers after the database drops its prepared statements (DEALLOCATE ALL)", async () => {
    const first = await registered({ redirect_uris: [CB], token_endpoint_auth_method: "none", client_name: "D1" });
    // On PostgreSQL the pool hands back the connection just released (LIFO): the one that named it.
    await database.withConnection((c) => c.exec("DEALLOCATE ALL"));
    const second = await registered({ redirect_uris: [CB], token_endpoint_auth_method: "none", client_name: "D2" });
    const third = await registered({ redirect_uris: [CB], token_endpoint_auth_method: "none", client_name: "D3" });
    expect(new Set([first.client_id, second.client_id, third.client_id]).size).toBe(3);
  });

  it.each([
    ["http to a non-loopback host", ["http://evil.example/cb"]],
    ["a fragment", ["https://a.test/cb#x"]],
    ["javascript:", ["javascript://x"]],
    ["a private-use scheme without a dot", ["myapp:/callback"]],
    ["one bad URI among good ones", [CB, "http://evil.example/cb"]],
  ])("REG-08: %s → 400 invalid_redirect_uri, and nothing is stored", async (_case, redirect_uris) => {
    const before = await clientCount();
    const res = await register({ redirect_uris, token_endpoint_auth_method: "none" });
    expect(res.status).toBe(400);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({ error: "invalid_redirect_uri", error_description: expect.any(String) });
    expect(await clientCount()).toBe(before);
  });

  it("REG-09: authorization_code without redirect_uris → 400 invalid_redirect_uri", async () => {
    const rejected = await counted(metrics.dcrRegistrations, { outcome: "rejected" });
    const res = await register({ client_name: "x" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_redirect_uri" });
    expect(await counted(metrics.dcrRegistrations, { outcome: "rejected" })).toBe(rejected + 1);
  });

  it.each([
    [
      "a form-encoded body",
      `redirect_uris=${encodeURIComponent(CB)}&token_endpoint_auth_method=none`,
      "application/x-www-form-urlencoded",
    ],
    ["JSON sent as text/plain", JSON.stringify({ redirect_uris: [CB] }), "text/plain"],
    ["a body that is not JSON", "{not json", "application/json"],
    ["a JSON array", JSON.stringify([{ redirect_uris: [CB] }]), "application/json"],
  ])("REG-02: %s → 400 invalid_client_metadata", async (_case, body, type) => {
    const res = await register(body, on.slug, type);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_client_metadata" });
  });

  it("REG-10: an unsupported grant type → 400 invalid_client_metadata", async () => {
    const res = await register({ redirect_uris: [CB], grant_types: ["implicit"] });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_client_metadata" });
  });

  it("works with a real client library: oauth4webapi registers and reads the response", async () => {
    expect(as.registration_endpoint).toBe(`${issuerOf(on.slug).href}/register`);
    const res = await oauth.dynamicClientRegistrationRequest(
      as,
      { redirect_uris: [CB], token_endpoint_auth_method: "none", client_name: "oauth4webapi" },
      opts,
    );
    const client = await oauth.processDynamicClientRegistrationResponse(res);
    expect(client).toMatchObject({
      client_id: expect.stringMatching(/^ghc_/),
      token_endpoint_auth_method: "none",
      client_name: "oauth4webapi",
      redirect_uris: [CB],
    });
  });
});

describe("DCR off (META-09)", () => {
  it("the metadata has no registration_endpoint", async () => {
    const issuer = issuerOf(off.slug);
    const meta = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { ...opts, algorithm: "oauth2" }),
    );
    expect(meta.issuer).toBe(issuer.href);
    expect(meta).not.toHaveProperty("registration_endpoint");
  });

  it("POST /register → 404, and nothing is stored", async () => {
    const before = await clientCount();
    const res = await register({ redirect_uris: [CB], token_endpoint_auth_method: "none" }, off.slug);
    expect(res.status).toBe(404);
    expect(await clientCount()).toBe(before);
  });

  it("POST /register for an unknown server → 404", async () => {
    expect((await register({ redirect_uris: [CB] }, unique("nope"))).status).toBe(404);
  });
});

describe("AUTHZ-07: errors for a self-registered client are shown before the redirect", () => {
  const authorizeUrl = (clientId: string, extra: Record<string, string>) => {
    const url = new URL(`${issuerOf(on.slug).href}/authorize`);
    const params = {
      response_type: "code",
      client_id: clientId,
      redirect_uri: CB,
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
      state: "st",
      ...extra,
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return new Request(url);
  };

  it("a bad scope from a DCR client (signed out) → an interstitial whose link is the error response, with state and iss", async () => {
    const client = await registered({
      redirect_uris: [CB],
      token_endpoint_auth_method: "none",
      client_name: "Self Registered",
    });
    const outcome = await startAuthorization(authorizeUrl(String(client.client_id), { scope: "bogus" }), on.slug, null);
    expect(outcome).toMatchObject({ kind: "interstitial", clientName: "Self Registered" });
    const link = new URL(outcome.kind === "interstitial" ? outcome.location : "x:");
    expect(`${link.origin}${link.pathname}`).toBe(CB);
    expect(link.searchParams.get("error")).toBe("invalid_scope");
    expect(link.searchParams.get("state")).toBe("st");
    expect(link.searchParams.get("iss")).toBe(issuerOf(on.slug).href);
  });

  it("prompt=none stays silent: the error is redirected at once", async () => {
    const client = await registered({ redirect_uris: [CB], token_endpoint_auth_method: "none", client_name: "Silent" });
    const outcome = await startAuthorization(
      authorizeUrl(String(client.client_id), { scope: "bogus", prompt: "none" }),
      on.slug,
      null,
    );
    expect(outcome.kind).toBe("redirect");
  });

  it("a manually registered client still gets the error redirect directly", async () => {
    const { client } = await createClient({
      ctx,
      serverSlug: on.slug,
      input: { name: "Manual", description: "", redirectUris: [CB], allowedScopes: ["mcp:tools"], isPublic: true },
    });
    const outcome = await startAuthorization(authorizeUrl(client.clientId, { scope: "bogus" }), on.slug, null);
    expect(outcome.kind).toBe("redirect");
    expect(new URL(outcome.kind === "redirect" ? outcome.location : "x:").searchParams.get("error")).toBe(
      "invalid_scope",
    );
  });
});

describe("the client.registered audit entry (and webhook payload) of a DCR client", () => {
  it("says registration DYNAMIC, with the client_id and the metadata, and no secret", async () => {
    const client = await registered({
      redirect_uris: [CB],
      token_endpoint_auth_method: "client_secret_basic",
      client_name: "Audited",
    });
    const row = await database.prisma.oAuthClient.findFirstOrThrow({ where: { clientId: String(client.client_id) } });
    const event = await database.prisma.auditEvent.findFirst({
      where: { action: "client.registered", targetId: row.id },
    });
    expect(event?.details).toMatchObject({
      registration: "DYNAMIC",
      clientId: client.client_id,
      metadata: { client_name: "Audited" },
    });
    expect(JSON.stringify(event?.details)).not.toContain(String(client.client_secret));
  });
});
