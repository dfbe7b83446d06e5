// private_key_jwt against the real token endpoint (PKJWT, RFC 7523 §2.2 / §3), with clients none of
// us wrote: the MCP SDK's PrivateKeyJwtProvider (client credentials, as MCP machine clients do it)
// and oauth4webapi's PrivateKeyJwt client authentication; a replayed assertion is refused.
import { fetchToken } from "@modelcontextprotocol/sdk/client/auth.js";
import { PrivateKeyJwtProvider } from "@modelcontextprotocol/sdk/client/auth-extensions.js";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import * as oauth from "oauth4webapi";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { unique } from "@/test/factories";
import { inProcessFetch } from "@/test/in-process-fetch";
import { createClient, createServer, systemContext, updateClient } from "@/lib/services";
import { ValidationError } from "@/lib/services/errors";

const database = await createTestDb();
const ctx = systemContext("test", { db: database.prisma });
const slug = unique("pkjwt");
const server = await createServer({
  ctx,
  input: {
    name: "PKJWT",
    slug,
    resourceUrl: `https://${slug}.example.com/mcp`,
    scopes: [{ name: "mcp:tools" }],
    dcrEnabled: true,
    dcrRateLimitPerHour: 0,
  },
});
const issuer = new URL(`http://localhost:3000/oauth/${slug}`);
const opts = { [oauth.customFetch]: inProcessFetch, [oauth.allowInsecureRequests]: true } as const;

let as: oauth.AuthorizationServer;
let privateKey: CryptoKey;
let privateJwk: JWK;
let publicJwk: JWK;

beforeAll(async () => {
  as = await oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { ...opts, algorithm: "oauth2" }),
  );
  const pair = await generateKeyPair("ES256", { extractable: true });
  privateKey = pair.privateKey;
  privateJwk = await exportJWK(pair.privateKey);
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "test-1", alg: "ES256", use: "sig" };
});

async function keyedClient(): Promise<string> {
  const { client, clientSecret } = await createClient({
    ctx,
    serverSlug: slug,
    input: {
      name: unique("keyed"),
      allowedScopes: ["mcp:tools"],
      authMethod: "private_key_jwt",
      jwks: { keys: [publicJwk] },
    },
  });
  expect(clientSecret).toBeNull();
  return client.clientId;
}

async function assertion(clientId: string, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: "ES256", kid: "test-1" })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(as.token_endpoint!)
    .setIssuedAt()
    .setExpirationTime("60s")
    .sign(privateKey);
}

async function tokenRequest(body: Record<string, string>): Promise<Response> {
  return inProcessFetch(as.token_endpoint!, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
}

describe("private_key_jwt at the token endpoint (PKJWT)", () => {
  it("metadata advertises private_key_jwt and its algorithms", () => {
    expect(as.token_endpoint_auth_methods_supported).toContain("private_key_jwt");
    expect(as.token_endpoint_auth_signing_alg_values_supported).toEqual(["ES256", "ES384", "PS256", "RS256", "EdDSA"]);
  });

  it("the MCP SDK's PrivateKeyJwtProvider gets a token with client credentials", async () => {
    const clientId = await keyedClient();
    const provider = new PrivateKeyJwtProvider({
      clientId,
      privateKey: privateJwk as Record<string, unknown>,
      algorithm: "ES256",
      scope: "mcp:tools",
      expectedIssuer: issuer.href,
    });
    const tokens = await fetchToken(provider, issuer, {
      metadata: as as never,
      resource: server.resourceUrl,
      fetchFn: inProcessFetch,
    });
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.scope).toBe("mcp:tools");
  });

  it("oauth4webapi's PrivateKeyJwt client authentication gets a token", async () => {
    const clientId = await keyedClient();
    const client: oauth.Client = { client_id: clientId };
    const res = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.PrivateKeyJwt({ key: privateKey, kid: "test-1" }),
      new URLSearchParams({ scope: "mcp:tools", resource: server.resourceUrl }),
      opts,
    );
    const tokens = await oauth.processClientCredentialsResponse(as, client, res);
    expect(tokens.access_token).toBeTruthy();
  });

  it("a replayed assertion is invalid_client (401) and issues nothing", async () => {
    const clientId = await keyedClient();
    const jwt = await assertion(clientId);
    const body = {
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: jwt,
      resource: server.resourceUrl,
    };
    expect((await tokenRequest(body)).status).toBe(200);
    const again = await tokenRequest(body);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: "invalid_client" });
  });

  it("a key-based client cannot fall back to a secret, nor a secret client to an assertion", async () => {
    const keyed = await keyedClient();
    const withSecret = await tokenRequest({ grant_type: "client_credentials", client_id: keyed, client_secret: "x" });
    expect(withSecret.status).toBe(401);
    const { client: secretClient } = await createClient({
      ctx,
      serverSlug: slug,
      input: { name: unique("secret"), allowedScopes: ["mcp:tools"] },
    });
    const res = await tokenRequest({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: await assertion(secretClient.clientId),
    });
    expect(res.status).toBe(401);
  });

  it("registration refuses private keys, symmetric keys, and both jwks and jwks_uri", async () => {
    const base = { name: unique("bad"), allowedScopes: ["mcp:tools"], authMethod: "private_key_jwt" as const };
    await expect(
      createClient({ ctx, serverSlug: slug, input: { ...base, jwks: { keys: [privateJwk] } } }),
    ).rejects.toThrow(ValidationError);
    await expect(
      createClient({ ctx, serverSlug: slug, input: { ...base, jwks: { keys: [{ kty: "oct", k: "c2VjcmV0" }] } } }),
    ).rejects.toThrow(/symmetric/);
    await expect(
      createClient({
        ctx,
        serverSlug: slug,
        input: { ...base, jwks: { keys: [publicJwk] }, jwksUri: "https://keys.example.com/jwks" },
      }),
    ).rejects.toThrow(/not both/);
    await expect(
      createClient({ ctx, serverSlug: slug, input: { ...base, jwksUri: "http://keys.example.com/jwks" } }),
    ).rejects.toThrow(/https/);
  });

  it("DCR (RFC 7591 §2): a client registers jwks with private_key_jwt, gets no secret, and authenticates", async () => {
    const res = await register({
      grant_types: ["client_credentials"],
      token_endpoint_auth_method: "private_key_jwt",
      jwks: { keys: [publicJwk] },
      scope: "mcp:tools",
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty("client_secret");
    expect(body).toMatchObject({ token_endpoint_auth_method: "private_key_jwt", jwks: { keys: [publicJwk] } });
    const client: oauth.Client = { client_id: body.client_id as string };
    const tokenRes = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.PrivateKeyJwt({ key: privateKey, kid: "test-1" }),
      new URLSearchParams({ scope: "mcp:tools", resource: server.resourceUrl }),
      opts,
    );
    expect((await oauth.processClientCredentialsResponse(as, client, tokenRes)).access_token).toBeTruthy();
  });

  it.each([
    ["both jwks and jwks_uri", { jwks: { keys: [] as JWK[] }, jwks_uri: "https://keys.example.com/jwks" }],
    ["no keys", {}],
    ["a private key", { jwks: { keys: [{ kty: "EC", crv: "P-256", x: "a", y: "b", d: "c" }] } }],
    ["an http jwks_uri", { jwks_uri: "http://keys.example.com/jwks" }],
  ])("DCR refuses private_key_jwt with %s (invalid_client_metadata)", async (_c, keys) => {
    const res = await register({
      grant_types: ["client_credentials"],
      token_endpoint_auth_method: "private_key_jwt",
      ...keys,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_client_metadata" });
  });
});

describe("key rotation for a pre-registered client (Settings / API update)", () => {
  it("new pasted keys replace the old ones", async () => {
    const clientId = await keyedClient();
    const next = await generateKeyPair("ES256", { extractable: true });
    const nextPub = { ...(await exportJWK(next.publicKey)), kid: "test-2" };
    const c = await database.prisma.oAuthClient.findFirstOrThrow({ where: { clientId } });
    await updateClient({
      ctx,
      serverSlug: slug,
      input: { clientId, name: c.name, allowedScopes: ["mcp:tools"], jwks: JSON.stringify({ keys: [nextPub] }) },
    });
    // The client cache holds a row for a second; read the stored keys directly.
    const stored = await database.prisma.oAuthClient.findFirstOrThrow({ where: { clientId } });
    expect(stored.jwks).toEqual({ keys: [nextPub] });
    await expect(
      updateClient({
        ctx,
        serverSlug: slug,
        input: { clientId, name: c.name, allowedScopes: ["mcp:tools"], jwks: { keys: [privateJwk] } },
      }),
    ).rejects.toThrow(/private member/);
  });
});

function register(body: unknown): Promise<Response> {
  return inProcessFetch(`${issuer.href}/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
