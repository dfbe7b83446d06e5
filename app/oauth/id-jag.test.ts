// Enterprise-managed authorization end to end (SEP-990 §5): a loopback IdP (test/fake-idp.ts:
// discovery + JWKS, jose-signed ID-JAGs) that the demo MCP server trusts; oauth4webapi presents the
// assertion with the jwt-bearer grant through the real token endpoint; the official MCP SDK client
// lists tools with the token. Then every negative case: the right error, and nothing issued.
import { decodeJwt } from "jose";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { resetEnvCache } from "@/lib/env";
import { JWT_BEARER_GRANT } from "@/lib/oauth/id-jag";
import {
  createClient,
  createIdentityProvider,
  deprovisionUser,
  ensureDemoServer,
  listClientConsents,
  revokeClientConsents,
  systemContext,
} from "@/lib/services";
import { createTestDb } from "@/test/db";
import { fakeIdpProviderInput, startFakeIdp, type FakeIdp } from "@/test/fake-idp";
import { unique } from "@/test/factories";
import { inProcessFetch } from "@/test/in-process-fetch";

process.env.GATEHOUSE_IDP_ALLOW_HTTP_LOOPBACK = "1";
resetEnvCache();
const database = await createTestDb();
const ctx = systemContext("test", { db: database.prisma });
await ensureDemoServer(ctx);
const demo = await database.prisma.mcpServer.findUniqueOrThrow({ where: { slug: "demo" } });

const ISSUER = "http://localhost:3000/oauth/demo";
const RESOURCE = "http://localhost:3000/mcp/demo";
const opts = { [oauth.customFetch]: inProcessFetch, [oauth.allowInsecureRequests]: true } as const;

let idp: FakeIdp;
let as: oauth.AuthorizationServer;
let client: oauth.Client;
let secret: string;
let clientRowId: string;

beforeAll(async () => {
  idp = await startFakeIdp();
  await createIdentityProvider({
    ctx,
    input: fakeIdpProviderInput(idp, { preset: "okta", label: "Corp Okta", idJagServerIds: [demo.id] }),
  });
  const created = await createClient({
    ctx,
    serverSlug: "demo",
    input: { name: "Claude for Work", allowedScopes: ["mcp:tools"] },
  });
  client = { client_id: created.client.clientId };
  secret = created.clientSecret!;
  clientRowId = created.client.id;
  as = await oauth.processDiscoveryResponse(
    new URL(ISSUER),
    await oauth.discoveryRequest(new URL(ISSUER), { ...opts, algorithm: "oauth2" }),
  );
});
afterAll(async () => {
  await idp.close();
});

const assertion = (claims: Record<string, unknown> = {}, options?: Parameters<FakeIdp["mintIdJag"]>[1]) =>
  idp.mintIdJag(
    {
      aud: ISSUER,
      resource: RESOURCE,
      client_id: client.client_id,
      scope: "mcp:tools",
      sub: "00u-ada",
      email: "ada@corp.example",
      email_verified: true,
      name: "Ada Lovelace",
      ...claims,
    },
    options,
  );

async function grant(jwt: string, extra: Record<string, string> = {}, who = client, auth = secret) {
  const response = await oauth.genericTokenEndpointRequest(
    as,
    who,
    oauth.ClientSecretBasic(auth),
    JWT_BEARER_GRANT,
    new URLSearchParams({ assertion: jwt, ...extra }),
    opts,
  );
  return response;
}

async function tokens(jwt: string, extra: Record<string, string> = {}) {
  return oauth.processGenericTokenEndpointResponse(as, client, await grant(jwt, extra));
}

async function refused(jwt: string | Promise<string>, extra: Record<string, string> = {}) {
  const response = await grant(await jwt, extra);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { status: response.status, body: (await response.json()) as { error: string; error_description: string } };
}

async function introspect(token: string) {
  const res = await oauth.introspectionRequest(as, client, oauth.ClientSecretBasic(secret), token, opts);
  return oauth.processIntrospectionResponse(as, client, res);
}

async function listTools(token: string) {
  const transport = new StreamableHTTPClientTransport(new URL(RESOURCE), {
    fetch: inProcessFetch,
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const mcp = new Client({ name: "vitest", version: "1.0.0" });
  await mcp.connect(transport);
  try {
    return (await mcp.listTools()).tools.map((t) => t.name);
  } finally {
    await mcp.close();
  }
}

const issuedCount = () => database.prisma.refreshFamily.count({ where: { clientId: clientRowId } });

describe("ID-JAG (jwt-bearer grant)", () => {
  it("IDJAG-10 metadata advertises the grant and the ID-JAG profile", () => {
    expect(as.grant_types_supported).toContain(JWT_BEARER_GRANT);
    expect(as.authorization_grant_profiles_supported).toEqual(["urn:ietf:params:oauth:grant-profile:id-jag"]);
  });

  it("issues an access token for the asserted user, without a refresh token, that works at the MCP server", async () => {
    const result = await tokens(await assertion());
    expect(result.token_type).toBe("bearer");
    expect(result.scope).toBe("mcp:tools");
    expect(result.refresh_token).toBeUndefined();
    const claims = decodeJwt(result.access_token);
    const user = await database.prisma.user.findUniqueOrThrow({ where: { email: "ada@corp.example" } });
    expect(claims).toMatchObject({ sub: user.id, aud: RESOURCE, client_id: client.client_id, scope: "mcp:tools" });
    expect(user.name).toBe("Ada Lovelace");
    expect(await listTools(result.access_token)).toContain("whoami");
    expect(await introspect(result.access_token)).toMatchObject({ active: true, sub: user.id });
  });

  it("IDJAG-11 the Consents tab shows the access as granted by the IdP's policy, and revoking it ends the token at once", async () => {
    const { access_token } = await tokens(await assertion());
    const page = await listClientConsents({ ctx, serverSlug: "demo", clientId: client.client_id, input: {} });
    const consent = page.consents.find((c) => c.user.email === "ada@corp.example");
    expect(consent?.grantedBy).toMatchObject({ label: "Corp Okta" });
    await revokeClientConsents({
      ctx,
      serverSlug: "demo",
      clientId: client.client_id,
      input: { consentIds: [consent!.id] },
    });
    expect(await introspect(access_token)).toEqual({ active: false });
    await expect(listTools(access_token)).rejects.toThrow();
    // The IdP's next assertion grants it again (the revoke dialog says so).
    const again = await tokens(await assertion());
    expect(await introspect(again.access_token)).toMatchObject({ active: true });
  });

  it("IDJAG-09 grants the intersection: a narrower request is honoured, an escalation refused", async () => {
    const both = await assertion({ scope: "mcp:tools mcp:admin" });
    // The client may hold only mcp:tools, so that is what the assertion yields.
    expect((await tokens(both)).scope).toBe("mcp:tools");
    const before = await issuedCount();
    const escalation = await refused(assertion({ scope: "mcp:tools" }), { scope: "mcp:tools mcp:admin" });
    expect(escalation).toMatchObject({ status: 400, body: { error: "invalid_scope" } });
    expect(await issuedCount()).toBe(before);
  });

  it.each([
    ["IDJAG-01 wrong typ", () => assertion({}, { header: { typ: "JWT" } })],
    ["IDJAG-03 wrong aud", () => assertion({ aud: "https://other-as.example" })],
    ["IDJAG-04 wrong resource", () => assertion({ resource: "https://other.example/mcp" })],
    ["IDJAG-05 wrong client_id", () => assertion({ client_id: "ghc_someone_else" })],
    [
      "IDJAG-06 expired",
      () => assertion({ iat: Math.floor(Date.now() / 1000) - 900, exp: Math.floor(Date.now() / 1000) - 600 }),
    ],
    ["IDJAG-02 signed by a key the IdP does not publish", () => assertion({}, { key: "foreign" })],
    ["IDJAG-02 untrusted issuer", () => assertion({ iss: "https://untrusted.example" })],
    [
      "IDJAG-08 HS256 with the public key as secret",
      async () =>
        assertion({}, { header: { alg: "HS256" }, key: new TextEncoder().encode(JSON.stringify(await idpJwk())) }),
    ],
  ])("refuses %s with invalid_grant and issues nothing", async (_name, make) => {
    const before = await issuedCount();
    expect(await refused(make())).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(await issuedCount()).toBe(before);
  });

  it("IDJAG-08 refuses alg none", async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: "none", typ: "oauth-id-jag+jwt" })}.${b64({
      iss: idp.issuer,
      sub: "00u-ada",
      aud: ISSUER,
      resource: RESOURCE,
      client_id: client.client_id,
      jti: "none-1",
      iat: now,
      exp: now + 300,
    })}.`;
    expect(await refused(unsigned)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("IDJAG-07 refuses a replayed jti", async () => {
    const once = await assertion({ jti: unique("jti") });
    await tokens(once);
    const before = await issuedCount();
    expect(await refused(once)).toMatchObject({
      body: { error: "invalid_grant", error_description: expect.stringMatching(/already used/) },
    });
    expect(await issuedCount()).toBe(before);
  });

  it("IDJAG-12 refuses a disabled user, and an unknown one whose email the IdP has not verified", async () => {
    await tokens(await assertion({ sub: "00u-grace", email: "grace@corp.example" }));
    const grace = await database.prisma.user.findUniqueOrThrow({ where: { email: "grace@corp.example" } });
    await deprovisionUser({ ctx, userId: grace.id });
    expect(await refused(assertion({ sub: "00u-grace", email: "grace@corp.example" }))).toMatchObject({
      body: { error: "invalid_grant", error_description: expect.stringMatching(/disabled/) },
    });
    expect(
      await refused(assertion({ sub: "00u-eve", email: "eve@corp.example", email_verified: false })),
    ).toMatchObject({
      body: { error: "invalid_grant" },
    });
    expect(await database.prisma.user.count({ where: { email: "eve@corp.example" } })).toBe(0);
  });

  it("refuses a public client, and a client whose secret is wrong", async () => {
    const pub = await createClient({
      ctx,
      serverSlug: "demo",
      input: { name: "Public app", redirectUris: ["http://127.0.0.1:9999/cb"], isPublic: true },
    });
    const response = await oauth.genericTokenEndpointRequest(
      as,
      { client_id: pub.client.clientId },
      oauth.None(),
      JWT_BEARER_GRANT,
      new URLSearchParams({ assertion: await assertion({ client_id: pub.client.clientId }) }),
      opts,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "unauthorized_client" });
    expect((await grant(await assertion(), {}, client, "wrong-secret")).status).toBe(401);
  });

  it("requires the assertion parameter", async () => {
    const response = await oauth.genericTokenEndpointRequest(
      as,
      client,
      oauth.ClientSecretBasic(secret),
      JWT_BEARER_GRANT,
      new URLSearchParams(),
      opts,
    );
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
  });
});

async function idpJwk() {
  const res = await fetch(`${idp.issuer}/jwks`);
  return ((await res.json()) as { keys: unknown[] }).keys[0];
}
