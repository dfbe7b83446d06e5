// A fake authorization server for the package's tests: keys, access tokens and status lists signed
// here with jose; its fetch function serves them in memory (nothing leaves the process).
import { deflateSync } from "node:zlib";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { createResourceVerifier, type ResourceVerifierOptions } from "./verifier.ts";

export const ISSUER = "https://as.example.com/oauth/demo";
export const RESOURCE = "https://mcp.example.com/mcp";
export const JWKS_URI = `${ISSUER}/jwks`;
export const LIST_URI = `${ISSUER}/status-lists/sl_1`;
export const T0 = Date.parse("2026-12-04T10:00:00Z");

const pair = await generateKeyPair("ES256", { extractable: true });
const key = pair.privateKey;
const publicJwks: { keys: JWK[] } = {
  keys: [{ ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "ES256", use: "sig" }],
};
/** A key the issuer never published: tokens signed with it are forgeries. */
export const other = (await generateKeyPair("ES256")).privateKey;

/** A fake AS: counts requests per path; the status list's invalid indexes and reachability are settable. */
export function fakeAs() {
  const state = { now: T0, invalid: new Set<number>(), reachable: true, hits: {} as Record<string, number> };
  const fetch = (async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    state.hits[url.pathname] = (state.hits[url.pathname] ?? 0) + 1;
    if (url.href === JWKS_URI) return Response.json(publicJwks);
    if (url.href === LIST_URI) {
      if (!state.reachable) return new Response("down", { status: 503 });
      const bytes = new Uint8Array(16);
      for (const i of state.invalid) bytes[i >> 3]! |= 1 << (i & 7);
      const iat = Math.floor(state.now / 1000);
      const jwt = await new SignJWT({
        status_list: { bits: 1, lst: deflateSync(bytes).toString("base64url") },
        ttl: 10,
      })
        .setProtectedHeader({ alg: "ES256", kid: "k1", typ: "statuslist+jwt" })
        .setSubject(LIST_URI)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 80)
        .sign(key);
      return new Response(jwt, { headers: { "content-type": "application/statuslist+jwt" } });
    }
    return new Response("not found", { status: 404 });
  }) as typeof globalThis.fetch;
  return { state, fetch };
}

export function verifierFor(as: ReturnType<typeof fakeAs>, extra: Partial<ResourceVerifierOptions> = {}) {
  return createResourceVerifier({
    issuer: ISSUER,
    resource: RESOURCE,
    jwks: JWKS_URI,
    scopesSupported: ["mcp:tools"],
    scopeHierarchy: { "mcp:admin": ["mcp:tools"] },
    fetch: as.fetch,
    now: () => as.state.now,
    ...extra,
  });
}

export async function token(
  opts: { claims?: Record<string, unknown>; typ?: string; kid?: string; signWith?: CryptoKey; now?: number } = {},
) {
  const iat = Math.floor((opts.now ?? T0) / 1000);
  return new SignJWT({
    client_id: "c1",
    scope: "mcp:tools",
    jti: crypto.randomUUID(),
    status: { status_list: { idx: 3, uri: LIST_URI } },
    ...opts.claims,
  })
    .setProtectedHeader({ alg: "ES256", kid: opts.kid ?? "k1", typ: opts.typ ?? "at+jwt" })
    .setIssuer((opts.claims?.iss as string | undefined) ?? ISSUER)
    .setAudience((opts.claims?.aud as string | undefined) ?? RESOURCE)
    .setSubject("usr_1")
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .sign(opts.signWith ?? key);
}
