// The authorization server against a real OAuth client that none of us wrote (panva's
// oauth4webapi), through Gatehouse's own route handlers and a fresh database. The browser part of
// the authorization-code flow (sign-in, consent click) is played by calling the same services the
// consent screen calls, with a real user.
import * as oauth from "oauth4webapi";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { insertUser, unique } from "@/test/factories";
import { inProcessFetch } from "@/test/in-process-fetch";
import { createClient, createServer, systemContext, type SessionUser } from "@/lib/services";
import { decideAuthorization, getPendingAuthorization, startAuthorization } from "@/lib/services/oauth/authorization";
import { fromIp } from "@/test/client-ip";
import { metrics } from "@/lib/metrics/metrics";
import { counted } from "@/test/metrics";

const database = await createTestDb();
const ctx = systemContext("test", { db: database.prisma });
const slug = unique("as");
const server = await createServer({
  ctx,
  input: {
    name: "AS test",
    slug,
    resourceUrl: `https://${slug}.example.com/mcp`,
    scopes: [{ name: "mcp:tools" }, { name: "mcp:admin" }],
  },
});
const issuer = new URL(`http://localhost:3000/oauth/${slug}`);
const opts = { [oauth.customFetch]: inProcessFetch, [oauth.allowInsecureRequests]: true } as const;
const CB = "http://127.0.0.1:8976/callback";

let as: oauth.AuthorizationServer;
let user: SessionUser;

beforeAll(async () => {
  as = await oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { ...opts, algorithm: "oauth2" }),
  );
  const u = await insertUser(database, null);
  user = { id: u.id, email: u.email, name: null, role: null };
});

async function m2mClient() {
  const { client, clientSecret } = await createClient({
    ctx,
    serverSlug: slug,
    input: { name: unique("m2m"), allowedScopes: ["mcp:tools"] },
  });
  return { client: { client_id: client.clientId } as oauth.Client, secret: clientSecret! };
}

async function publicClient(redirectUris = [CB]) {
  const { client } = await createClient({
    ctx,
    serverSlug: slug,
    input: { name: unique("app"), redirectUris, isPublic: true },
  });
  return { client_id: client.clientId, token_endpoint_auth_method: "none" } as oauth.Client;
}

function authorizeUrl(params: Record<string, string | undefined>): URL {
  const url = new URL(as.authorization_endpoint!);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url;
}

/** Runs /authorize and the user's Allow (or Deny), returning the redirect back to the client. */
async function authorize(client: oauth.Client, extra: Record<string, string | undefined> = {}, allow = true) {
  const { started, verifier, state } = await startAuthorize(client, extra);
  if (started.kind !== "consent") return { started, verifier, state };
  const location = await decideAuthorization(slug, started.requestId, user, allow);
  return { started, location: new URL(location), verifier, state };
}

/** Runs /authorize up to the consent screen (or the redirect when no screen is needed). */
async function startAuthorize(client: oauth.Client, extra: Record<string, string | undefined> = {}) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = authorizeUrl({
    response_type: "code",
    client_id: client.client_id,
    redirect_uri: CB,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    scope: "mcp:tools",
    resource: server.resourceUrl,
    ...extra,
  });
  return { started: await startAuthorization(new Request(url), slug, user), verifier, state };
}

async function codeFlow(client: oauth.Client) {
  const { location, verifier, state } = await authorize(client);
  const params = oauth.validateAuthResponse(as, client, location!, state);
  const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, CB, verifier, opts);
  return oauth.processAuthorizationCodeResponse(as, client, res);
}

async function introspect(token: string) {
  const { client, secret } = await m2mClient();
  const res = await oauth.introspectionRequest(as, client, oauth.ClientSecretBasic(secret), token, opts);
  return oauth.processIntrospectionResponse(as, client, res);
}

describe("discovery (RFC 8414)", () => {
  it("serves metadata whose issuer matches byte for byte, with S256 only and iss in responses", () => {
    expect(as.issuer).toBe(issuer.href);
    expect(as.code_challenge_methods_supported).toEqual(["S256"]);
    expect(as.response_types_supported).toEqual(["code"]);
    expect(as.authorization_response_iss_parameter_supported).toBe(true);
    expect(as.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(["none", "client_secret_basic", "client_secret_post"]),
    );
    expect(as.registration_endpoint).toBeUndefined();
    expect(Object.values(as).some((v) => Array.isArray(v) && v.length === 0)).toBe(false);
  });
});

describe("client credentials", () => {
  it("issues an RFC 9068 access token with client_secret_basic and with client_secret_post", async () => {
    const { client, secret } = await m2mClient();
    for (const auth of [oauth.ClientSecretBasic(secret), oauth.ClientSecretPost(secret)]) {
      const res = await oauth.clientCredentialsGrantRequest(as, client, auth, { resource: server.resourceUrl }, opts);
      expect(res.headers.get("cache-control")).toContain("no-store");
      const tokens = await oauth.processClientCredentialsResponse(as, client, res);
      expect(tokens.refresh_token).toBeUndefined();
      expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({
        typ: "at+jwt",
        alg: "ES256",
        kid: expect.any(String),
      });
      expect(decodeJwt(tokens.access_token)).toMatchObject({
        iss: issuer.href,
        aud: server.resourceUrl,
        sub: `client:${client.client_id}`,
        client_id: client.client_id,
        scope: "mcp:tools",
      });
    }
  });

  it("gives a client with no allowed scopes ticked all of the server's scopes (what the dashboard says)", async () => {
    const { client, clientSecret } = await createClient({
      ctx,
      serverSlug: slug,
      input: { name: unique("all-scopes"), allowedScopes: [] },
    });
    const c = { client_id: client.clientId } as oauth.Client;
    const res = await oauth.clientCredentialsGrantRequest(as, c, oauth.ClientSecretBasic(clientSecret!), {}, opts);
    const tokens = await oauth.processClientCredentialsResponse(as, c, res);
    expect(decodeJwt(tokens.access_token).scope).toBe("mcp:tools mcp:admin");
  });

  it("answers a wrong secret with 401 invalid_client and a Basic challenge", async () => {
    const { client } = await m2mClient();
    const res = await oauth.clientCredentialsGrantRequest(as, client, oauth.ClientSecretBasic("ghs_wrong"), {}, opts);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic /);
    expect(await res.json()).toMatchObject({ error: "invalid_client" });
  });

  it("refuses a resource other than the server's with invalid_target", async () => {
    const { client, secret } = await m2mClient();
    const res = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(secret),
      { resource: "https://other.example/mcp" },
      opts,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_target" });
  });

  it("refuses a public client", async () => {
    const client = await publicClient();
    const res = await oauth.clientCredentialsGrantRequest(as, client, oauth.None(), {}, opts);
    expect([400, 401]).toContain(res.status);
  });
});

describe("authorization code with PKCE", () => {
  it("runs the whole flow: iss in the response, tokens bound to the resource, a refresh token", async () => {
    const client = await publicClient();
    const tokens = await codeFlow(client);
    expect(tokens.refresh_token).toMatch(/^ghr_/);
    expect(tokens.scope).toBe("mcp:tools");
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({ sub: user.id, aud: server.resourceUrl, client_id: client.client_id });
    expect(await introspect(tokens.access_token)).toMatchObject({
      active: true,
      sub: user.id,
      client_id: client.client_id,
    });
  });

  it("puts iss and state in error responses too (access_denied)", async () => {
    const client = await publicClient();
    const { location, state } = await authorize(client, {}, false);
    expect(location!.searchParams.get("iss")).toBe(issuer.href);
    expect(location!.searchParams.get("state")).toBe(state);
    expect(() => oauth.validateAuthResponse(as, client, location!, state)).toThrow(oauth.AuthorizationResponseError);
    expect(location!.searchParams.get("error")).toBe("access_denied");
  });

  it.each([
    ["PKCE missing", { code_challenge: undefined, code_challenge_method: undefined }, "invalid_request"],
    ["PKCE plain", { code_challenge_method: "plain" }, "invalid_request"],
    ["no code_challenge_method (means plain)", { code_challenge_method: undefined }, "invalid_request"],
    ["response_type=token", { response_type: "token" }, "unsupported_response_type"],
    ["an unknown scope", { scope: "mcp:tools nope" }, "invalid_scope"],
    ["another resource", { resource: "https://other.example/mcp" }, "invalid_target"],
  ])("redirects %s back with the error, state and iss", async (_case, extra, error) => {
    const client = await publicClient();
    const { started } = await authorize(client, extra);
    expect(started.kind).toBe("redirect");
    const location = new URL(started.kind === "redirect" ? started.location : "");
    expect(location.origin + location.pathname).toBe(CB);
    expect(location.searchParams.get("error")).toBe(error);
    expect(location.searchParams.get("iss")).toBe(issuer.href);
    expect(location.searchParams.get("state")).not.toBeNull();
  });

  it("shows an error page, never a redirect, for an unregistered redirect URI or an unknown client", async () => {
    const client = await publicClient();
    for (const extra of [
      { redirect_uri: "https://evil.example/cb" },
      { redirect_uri: `${CB}/` },
      { client_id: "ghc_unknown" },
    ]) {
      const { started } = await authorize(client, extra);
      expect(started.kind).toBe("error_page");
      // Issue 11 #11: each such page carries its own request ID to quote to an administrator.
      expect(started.kind === "error_page" && started.requestId).toMatch(/^req_[\w-]{22}$/);
    }
  });

  it("accepts any port on a loopback redirect URI (RFC 8252)", async () => {
    const client = await publicClient(["http://127.0.0.1/callback"]);
    const { started } = await authorize(client, { redirect_uri: "http://127.0.0.1:51004/callback" });
    expect(started.kind).toBe("consent");
  });

  it("refuses a wrong code_verifier with invalid_grant", async () => {
    const client = await publicClient();
    const { location, state } = await authorize(client);
    const params = oauth.validateAuthResponse(as, client, location!, state);
    const res = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      params,
      CB,
      oauth.generateRandomCodeVerifier(),
      opts,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("lets a code be used once; a replay fails and revokes the tokens it issued", async () => {
    const client = await publicClient();
    const { location, verifier, state } = await authorize(client);
    const params = oauth.validateAuthResponse(as, client, location!, state);
    const first = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, CB, verifier, opts),
    );
    const replay = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, CB, verifier, opts);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
    expect(await introspect(first.access_token)).toEqual({ active: false });
    const refresh = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), first.refresh_token!, opts);
    expect(refresh.status).toBe(400);
  });

  it("skips the consent screen when the consent already covers the scopes, unless prompt=consent", async () => {
    const client = await publicClient();
    await codeFlow(client);
    const again = await authorize(client);
    expect(again.started.kind).toBe("redirect");
    expect(
      new URL(again.started.kind === "redirect" ? again.started.location : "").searchParams.get("code"),
    ).toBeTruthy();
    expect((await authorize(client, { prompt: "consent" })).started.kind).toBe("consent");
    expect((await authorize(client, { scope: "mcp:tools mcp:admin" })).started.kind).toBe("consent");
  });

  it("step-up: asks only for the new scope, lists the rest as already allowed, and the token says what was granted", async () => {
    const client = await publicClient();
    await codeFlow(client); // mcp:tools allowed
    const { started, verifier, state } = await startAuthorize(client, { scope: "mcp:tools mcp:admin" });
    expect(started.kind).toBe("consent");
    if (started.kind !== "consent") return;
    const pending = await getPendingAuthorization(slug, started.requestId, user);
    expect(pending.alreadyConsented).toBe(false);
    expect(pending.scopes.map((s) => s.name)).toEqual(["mcp:tools", "mcp:admin"]);
    expect(pending.grantedScopes.map((s) => s.name)).toEqual(["mcp:tools"]);
    const location = new URL(await decideAuthorization(slug, started.requestId, user, true));
    const params = oauth.validateAuthResponse(as, client, location, state);
    const res = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, CB, verifier, opts);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, res);
    expect(tokens.scope).toBe("mcp:tools mcp:admin");
    // The consent now holds both: the next request for both skips the screen.
    expect((await authorize(client, { scope: "mcp:tools mcp:admin" })).started.kind).toBe("redirect");
  });
});

describe("refresh tokens", () => {
  it("rotate on every use; a concurrent refresh inside the grace window gets the same successor", async () => {
    const client = await publicClient();
    const t0 = await codeFlow(client);
    const [a, b] = await Promise.all([
      oauth
        .refreshTokenGrantRequest(as, client, oauth.None(), t0.refresh_token!, opts)
        .then((r) => oauth.processRefreshTokenResponse(as, client, r)),
      oauth
        .refreshTokenGrantRequest(as, client, oauth.None(), t0.refresh_token!, opts)
        .then((r) => oauth.processRefreshTokenResponse(as, client, r)),
    ]);
    expect(a.refresh_token).not.toBe(t0.refresh_token);
    expect(b.refresh_token).toBe(a.refresh_token);
    const next = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, oauth.None(), a.refresh_token!, opts),
    );
    expect(next.refresh_token).not.toBe(a.refresh_token);
  });

  it("detect reuse after the grace window and revoke the whole family", async () => {
    const client = await publicClient();
    const t0 = await codeFlow(client);
    const t1 = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, oauth.None(), t0.refresh_token!, opts),
    );
    await database.prisma.refreshToken.updateMany({
      where: { rotatedAt: { not: null } },
      data: { rotatedAt: new Date(Date.now() - 60_000) },
    });
    const detectedBefore = await counted(metrics.refreshReuse);
    const inactiveBefore = await counted(metrics.introspections, { result: "inactive" });
    const reuse = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), t0.refresh_token!, opts);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: "invalid_grant" });
    expect((await oauth.refreshTokenGrantRequest(as, client, oauth.None(), t1.refresh_token!, opts)).status).toBe(400);
    expect(await introspect(t1.access_token)).toEqual({ active: false });
    expect(
      await database.prisma.auditEvent.count({ where: { action: "refresh_token.reuse_detected" } }),
    ).toBeGreaterThan(0);
    // The family's revocation is counted once; the second refresh finds it revoked, not reused.
    expect(await counted(metrics.refreshReuse)).toBe(detectedBefore + 1);
    expect(await counted(metrics.introspections, { result: "inactive" })).toBe(inactiveBefore + 1);
  });

  it("refuse a broader scope without spending the token", async () => {
    const client = await publicClient();
    const t0 = await codeFlow(client);
    const broader = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), t0.refresh_token!, {
      ...opts,
      additionalParameters: { scope: "mcp:tools mcp:admin" },
    });
    expect(await broader.json()).toMatchObject({ error: "invalid_scope" });
    const ok = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), t0.refresh_token!, opts);
    expect(ok.status).toBe(200);
  });

  it("stop when the consent is revoked", async () => {
    const client = await publicClient();
    const t0 = await codeFlow(client);
    await database.prisma.consent.deleteMany({ where: { userId: user.id, client: { clientId: client.client_id } } });
    expect((await oauth.refreshTokenGrantRequest(as, client, oauth.None(), t0.refresh_token!, opts)).status).toBe(400);
    expect(await introspect(t0.access_token)).toEqual({ active: false });
  });
});

describe("revocation (RFC 7009) and introspection (RFC 7662)", () => {
  it("revokes a refresh token (and the access tokens of its grant) and an access token", async () => {
    const client = await publicClient();
    const t = await codeFlow(client);
    expect(await introspect(t.refresh_token!)).toMatchObject({ active: true, token_type: "refresh_token" });
    const res = await oauth.revocationRequest(as, client, oauth.None(), t.refresh_token!, opts);
    expect(res.status).toBe(200);
    expect(await introspect(t.refresh_token!)).toEqual({ active: false });
    expect(await introspect(t.access_token)).toEqual({ active: false });

    const { client: m2m, secret } = await m2mClient();
    const cc = await oauth.processClientCredentialsResponse(
      as,
      m2m,
      await oauth.clientCredentialsGrantRequest(as, m2m, oauth.ClientSecretBasic(secret), {}, opts),
    );
    expect(await introspect(cc.access_token)).toMatchObject({ active: true });
    expect(
      (await oauth.revocationRequest(as, m2m, oauth.ClientSecretBasic(secret), cc.access_token, opts)).status,
    ).toBe(200);
    expect(await introspect(cc.access_token)).toEqual({ active: false });
  });

  it("ignores another client's token and answers 200 for garbage", async () => {
    const owner = await publicClient();
    const t = await codeFlow(owner);
    const other = await publicClient();
    expect((await oauth.revocationRequest(as, other, oauth.None(), t.refresh_token!, opts)).status).toBe(200);
    expect(await introspect(t.refresh_token!)).toMatchObject({ active: true });
    expect((await oauth.revocationRequest(as, other, oauth.None(), "garbage", opts)).status).toBe(200);
  });

  it("requires client authentication to introspect", async () => {
    const res = await inProcessFetch(as.introspection_endpoint!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "token=x",
    });
    expect(res.status).toBe(401);
  });
});

describe("token endpoint hygiene", () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    inProcessFetch(as.token_endpoint!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });

  it("refuses repeated parameters, two auth methods, JSON bodies and unknown grants", async () => {
    const { client, secret } = await m2mClient();
    const basic = `Basic ${Buffer.from(`${client.client_id}:${secret}`).toString("base64")}`;
    expect(
      await (await post("grant_type=client_credentials&scope=a&scope=b", { authorization: basic })).json(),
    ).toMatchObject({ error: "invalid_request" });
    expect(
      await (await post(`grant_type=client_credentials&client_secret=${secret}`, { authorization: basic })).json(),
    ).toMatchObject({ error: "invalid_request" });
    const json = await inProcessFetch(as.token_endpoint!, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: basic },
      body: "{}",
    });
    expect(await json.json()).toMatchObject({ error: "invalid_request" });
    expect(await (await post("grant_type=password", { authorization: basic })).json()).toMatchObject({
      error: "unsupported_grant_type",
    });
    const ok = await post("grant_type=client_credentials&foo=bar", { authorization: basic });
    expect(ok.status).toBe(200);
  });

  it("throttles repeated failed client authentications with 429 and Retry-After", async () => {
    const { client } = await m2mClient();
    const bad = `Basic ${Buffer.from(`${client.client_id}:ghs_wrong`).toString("base64")}`;
    let last: Response | undefined;
    for (let i = 0; i < 11; i++)
      last = await post("grant_type=client_credentials", { authorization: bad, ...fromIp("198.51.100.4") });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("never refuses the right secret from an address that did not fail; the failing one stays locked (10.7)", async () => {
    const { client, secret: clientSecret } = await m2mClient();
    const basic = (secret: string) => `Basic ${Buffer.from(`${client.client_id}:${secret}`).toString("base64")}`;
    for (let i = 0; i < 10; i++)
      await post("grant_type=client_credentials", { authorization: basic("ghs_wrong"), ...fromIp("198.51.100.5") });
    const locked = await post("grant_type=client_credentials", {
      authorization: basic(clientSecret),
      ...fromIp("198.51.100.5"),
    });
    expect(locked.status).toBe(429);
    const elsewhere = await post("grant_type=client_credentials", {
      authorization: basic(clientSecret),
      ...fromIp("198.51.100.6"),
    });
    expect(elsewhere.status).toBe(200);
  });
});
