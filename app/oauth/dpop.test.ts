// DPoP end to end (RFC 9449) with a real client that none of us wrote (panva's oauth4webapi): token
// request with a proof and the server-nonce retry, a DPoP-bound token on the demo MCP server, and
// what a thief gets: a stolen token without the key, a replayed proof, a refresh with another key.
import * as oauth from "oauth4webapi";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { insertUser, unique } from "@/test/factories";
import { inProcessFetch } from "@/test/in-process-fetch";
import { createClient, ensureDemoServer, systemContext, type SessionUser } from "@/lib/services";
import { decideAuthorization, startAuthorization } from "@/lib/services/oauth/authorization";

const database = await createTestDb();
const ctx = systemContext("test", { db: database.prisma });
await ensureDemoServer(ctx);
const issuer = new URL("http://localhost:3000/oauth/demo");
const RS = "http://localhost:3000/mcp/demo";
const CB = "http://127.0.0.1:8976/callback";
const opts = { [oauth.customFetch]: inProcessFetch, [oauth.allowInsecureRequests]: true } as const;
/** For protected-resource requests: oauth4webapi's body type is wider than RequestInit's. */
const rsFetch = (url: string, init: oauth.CustomFetchOptions<string, oauth.ProtectedResourceRequestBody>) =>
  inProcessFetch(url, init as RequestInit);

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

async function publicClient() {
  const { client } = await createClient({
    ctx,
    serverSlug: "demo",
    input: { name: unique("app"), redirectUris: [CB], isPublic: true },
  });
  return { client_id: client.clientId, token_endpoint_auth_method: "none" } as oauth.Client;
}

/** Calls `request` once; on use_dpop_nonce (the handle has now cached the nonce) calls it again. */
async function withNonceRetry<T>(request: () => Promise<T>): Promise<{ result: T; retried: boolean }> {
  try {
    return { result: await request(), retried: false };
  } catch (err) {
    if (!oauth.isDPoPNonceError(err)) throw err;
    return { result: await request(), retried: true };
  }
}

async function dpopCodeFlow(
  client: oauth.Client,
  dpop: oauth.DPoPHandle | undefined,
  authorizeExtra: Record<string, string> = {},
) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint!);
  for (const [k, v] of Object.entries({
    response_type: "code",
    client_id: client.client_id,
    redirect_uri: CB,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    scope: "mcp:tools",
    resource: RS,
    ...authorizeExtra,
  }))
    url.searchParams.set(k, v);
  const started = await startAuthorization(new Request(url), "demo", user);
  // A second flow for the same client reuses the consent and redirects at once.
  if (started.kind !== "consent" && started.kind !== "redirect") throw new Error(`unexpected ${started.kind}`);
  const location = new URL(
    started.kind === "redirect" ? started.location : await decideAuthorization("demo", started.requestId, user, true),
  );
  const params = oauth.validateAuthResponse(as, client, location, state);
  return withNonceRetry(async () =>
    oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, CB, verifier, {
        ...opts,
        ...(dpop ? { DPoP: dpop } : {}),
      }),
    ),
  );
}

const TOOLS_LIST = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} });
const mcpHeaders = () =>
  new Headers({ "content-type": "application/json", accept: "application/json, text/event-stream" });

/** tools/list on the demo MCP server; a 401 challenge comes back as the response (oauth4webapi throws it). */
async function toolsList(token: string, dpop?: oauth.DPoPHandle): Promise<Response> {
  try {
    return await oauth.protectedResourceRequest(token, "POST", new URL(RS), mcpHeaders(), TOOLS_LIST, {
      ...opts,
      [oauth.customFetch]: rsFetch,
      ...(dpop ? { DPoP: dpop } : {}),
    });
  } catch (err) {
    if (err instanceof oauth.WWWAuthenticateChallengeError) return err.response;
    throw err;
  }
}

describe("DPoP (RFC 9449) with oauth4webapi", () => {
  it("DPOP-14: advertises dpop_signing_alg_values_supported (§5.1)", () => {
    expect(as.dpop_signing_alg_values_supported).toEqual(["ES256", "ES384", "PS256", "RS256", "EdDSA"]);
  });

  it("DPOP-10/DPOP-11/DPOP-15/DPOP-16: binds tokens to the key after the nonce retry, and the demo MCP server accepts them only with proofs", async () => {
    const client = await publicClient();
    const dpop = oauth.DPoP(client, await oauth.generateKeyPair("ES256"));
    const { result: tokens, retried } = await dpopCodeFlow(client, dpop);
    expect(retried).toBe(true); // the token endpoint always requires a server nonce (§8)
    expect(tokens.token_type).toBe("dpop");
    const claims = decodeJwt(tokens.access_token);
    expect((claims.cnf as { jkt: string }).jkt).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const ok = await toolsList(tokens.access_token, dpop);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { result: { tools: { name: string }[] } };
    expect(body.result.tools.map((t) => t.name)).toEqual(expect.arrayContaining(["whoami", "echo"]));

    // A thief with the token but not the key: as Bearer, or as DPoP with their own key.
    const asBearer = await toolsList(tokens.access_token);
    expect(asBearer.status).toBe(401);
    expect(asBearer.headers.get("www-authenticate")).toMatch(/^DPoP error="invalid_token".*algs="ES256/);
    const thief = oauth.DPoP(client, await oauth.generateKeyPair("ES256"));
    const otherKey = await toolsList(tokens.access_token, thief);
    expect(otherKey.status).toBe(401);
    expect(otherKey.headers.get("www-authenticate")).toContain('error="invalid_dpop_proof"');
  });

  it("DPOP-09: refuses a replayed proof at the resource server", async () => {
    const client = await publicClient();
    const dpop = oauth.DPoP(client, await oauth.generateKeyPair("ES256"));
    const { result: tokens } = await dpopCodeFlow(client, dpop);
    let captured: Headers | undefined;
    const first = await oauth.protectedResourceRequest(
      tokens.access_token,
      "POST",
      new URL(RS),
      mcpHeaders(),
      TOOLS_LIST,
      {
        ...opts,
        DPoP: dpop,
        [oauth.customFetch]: (url, init) => {
          captured = new Headers(init.headers);
          return rsFetch(url, init);
        },
      },
    );
    expect(first.status).toBe(200);
    const replay = await inProcessFetch(RS, { method: "POST", headers: captured!, body: TOOLS_LIST });
    expect(replay.status).toBe(401);
    expect(replay.headers.get("www-authenticate")).toContain("already used");
  });

  it("DPOP-12: binds a public client's refresh token to the key: another key is refused, the same key refreshes", async () => {
    const client = await publicClient();
    const dpop = oauth.DPoP(client, await oauth.generateKeyPair("ES256"));
    const { result: tokens } = await dpopCodeFlow(client, dpop);
    const thief = oauth.DPoP(client, await oauth.generateKeyPair("ES256"));
    const refuse = withNonceRetry(async () =>
      oauth.processRefreshTokenResponse(
        as,
        client,
        await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, { ...opts, DPoP: thief }),
      ),
    );
    await expect(refuse).rejects.toMatchObject({ error: "invalid_grant" });
    const noProof = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, opts);
    expect(noProof.status).toBe(400);
    expect(((await noProof.json()) as { error: string }).error).toBe("invalid_dpop_proof");

    const { result: refreshed } = await withNonceRetry(async () =>
      oauth.processRefreshTokenResponse(
        as,
        client,
        await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, { ...opts, DPoP: dpop }),
      ),
    );
    expect(refreshed.token_type).toBe("dpop");
    expect(decodeJwt(refreshed.access_token).cnf).toEqual(decodeJwt(tokens.access_token).cnf);
  });

  it("DPOP-17: returns cnf and token_type DPoP at introspection (§6.2)", async () => {
    const client = await publicClient();
    const dpop = oauth.DPoP(client, await oauth.generateKeyPair("ES256"));
    const { result: tokens } = await dpopCodeFlow(client, dpop);
    const { client: rs, clientSecret } = await createClient({
      ctx,
      serverSlug: "demo",
      input: { name: unique("rs"), allowedScopes: ["mcp:tools"] },
    });
    const rsClient = { client_id: rs.clientId } as oauth.Client;
    const res = await oauth.introspectionRequest(
      as,
      rsClient,
      oauth.ClientSecretBasic(clientSecret!),
      tokens.access_token,
      opts,
    );
    const result = await oauth.processIntrospectionResponse(as, rsClient, res);
    expect(result.active).toBe(true);
    expect(result.token_type).toBe("DPoP");
    expect(result.cnf).toEqual(decodeJwt(tokens.access_token).cnf);
  });

  it("DPOP-13/DPOP-09: refuses a dpop_bound_access_tokens client without a proof, and a replayed proof at the token endpoint", async () => {
    const { client: row, clientSecret } = await createClient({
      ctx,
      serverSlug: "demo",
      input: { name: unique("m2m"), allowedScopes: ["mcp:tools"], dpopBoundAccessTokens: true },
    });
    const client = { client_id: row.clientId } as oauth.Client;
    const auth = oauth.ClientSecretBasic(clientSecret!);
    const noProof = await oauth.clientCredentialsGrantRequest(as, client, auth, {}, opts);
    expect(noProof.status).toBe(400);
    expect(((await noProof.json()) as { error: string }).error).toBe("invalid_dpop_proof");

    const dpop = oauth.DPoP(client, await oauth.generateKeyPair("ES256"));
    let captured: { url: string; init: RequestInit } | undefined;
    const capture = {
      ...opts,
      DPoP: dpop,
      [oauth.customFetch]: (url: string, init: RequestInit) => {
        captured = { url, init: { ...init, headers: new Headers(init.headers) } };
        return inProcessFetch(url, init);
      },
    };
    const { result } = await withNonceRetry(async () =>
      oauth.processClientCredentialsResponse(
        as,
        client,
        await oauth.clientCredentialsGrantRequest(as, client, auth, {}, capture),
      ),
    );
    expect(result.token_type).toBe("dpop");
    const replay = await inProcessFetch(captured!.url, { ...captured!.init, body: "grant_type=client_credentials" });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_dpop_proof" });
  });

  it("DPOP-18: a code bound with dpop_jkt at authorize is redeemed only with a proof of that key (§10)", async () => {
    const client = await publicClient();
    const keys = await oauth.generateKeyPair("ES256");
    const dpop_jkt = await oauth.DPoP(client, keys).calculateThumbprint();

    await expect(dpopCodeFlow(client, undefined, { dpop_jkt })).rejects.toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringContaining("dpop_jkt"),
    });
    const other = oauth.DPoP(client, await oauth.generateKeyPair("ES256"));
    await expect(dpopCodeFlow(client, other, { dpop_jkt })).rejects.toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringContaining("not the one"),
    });
    const { result: tokens } = await dpopCodeFlow(client, oauth.DPoP(client, keys), { dpop_jkt });
    expect((decodeJwt(tokens.access_token).cnf as { jkt: string }).jkt).toBe(dpop_jkt);
  });
});
