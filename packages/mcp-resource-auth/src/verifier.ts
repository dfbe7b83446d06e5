// The resource server's whole decision for one request: the access token from the Authorization
// header (RFC 6750 §2.1, RFC 9449 §7.1), an RFC 9068 JWT access token for this resource, its status
// in the issuer's Token Status List, its DPoP binding (cnf.jkt), and the scopes the operation needs.
// Every refusal comes with the status and WWW-Authenticate challenge the MCP authorization spec wants
// (RFC 9728 §5.1 resource_metadata in each one; 403 insufficient_scope naming every needed scope).
import {
  createRemoteJWKSet,
  customFetch,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import { bearerChallenge, parseBearerAuthorization, type BearerChallengeParams } from "./bearer.ts";
import { DpopError, dpopChallenge, parseDpopAuthorization, verifyDpopProof } from "./dpop.ts";
import { protectedResourceMetadata, protectedResourceMetadataUrl, type ProtectedResourceMetadata } from "./metadata.ts";
import { missingScopes, parseScope, type ScopeHierarchy } from "./scopes.ts";
import { readStatusClaim, STATUS_VALID, StatusListCache, StatusListUnavailable } from "./status-list.ts";

/** Asymmetric algorithms only: never `none`, never HS* (a shared key would let the resource mint tokens). */
export const ACCESS_TOKEN_ALGORITHMS = ["ES256", "ES384", "ES512", "RS256", "PS256", "EdDSA"];

export interface ResourceVerifierOptions {
  /** The authorization server's issuer identifier (the `iss` of its tokens). */
  issuer: string;
  /** This resource's identifier, exactly as clients send it in `resource` (the `aud` of its tokens). */
  resource: string;
  /** The issuer's JWKS URL, or a key function. Default: `jwks_uri` from the issuer's RFC 8414 metadata. */
  jwks?: string | URL | JWTVerifyGetKey;
  /** Scopes to advertise in the protected-resource metadata and to ask for when no token is sent. */
  scopesSupported?: readonly string[];
  /** A broader scope implies narrower ones: `{ "mcp:admin": ["mcp:tools"] }`. */
  scopeHierarchy?: ScopeHierarchy;
  resourceName?: string;
  /** Where the metadata document is served. Default: the RFC 9728 §3.1 well-known URL of `resource`. */
  metadataUrl?: string;
  algorithms?: string[];
  /** Seconds of clock difference tolerated on exp/iat/nbf. Default 5. */
  clockToleranceSeconds?: number;
  /** Check the Token Status List when a token names one (default true). Tokens without a status claim pass. */
  statusList?: boolean;
  /** An extra revocation check after all others (e.g. Gatehouse's own database for its demo server). */
  isActive?: (claims: AccessTokenClaims) => Promise<boolean>;
  /** Remembers a DPoP proof's jti until `until`; false when it was already seen. Default: in memory. */
  rememberDpopJti?: (jkt: string, jti: string, until: Date) => Promise<boolean>;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch (tests use a fake clock). */
  now?: () => number;
}

export interface AccessTokenClaims extends JWTPayload {
  iss: string;
  sub: string;
  client_id: string;
  scope?: string;
  exp: number;
  iat: number;
  jti: string;
  /** Gatehouse: the authorization (refresh family) the token was issued under. */
  fam?: string;
  cnf?: { jkt?: string };
}

export interface VerifiedAccess {
  token: string;
  claims: AccessTokenClaims;
  clientId: string;
  subject: string;
  scopes: string[];
  expiresAt: number;
  /** Set when the token is DPoP-bound (and the proof was checked). */
  jkt?: string;
}

/** Something like a request: a method, the path (and query) it was sent to, and its headers. */
export interface RequestLike {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
}

export type Refusal = {
  ok: false;
  status: 400 | 401 | 403 | 503;
  /** Absent when no credentials were sent (RFC 6750 §3.1: the challenge then carries no error code). */
  error?: string;
  error_description: string;
  /** Response headers; WWW-Authenticate may appear twice (a DPoP and a Bearer challenge). */
  headers: [string, string][];
};

/** The JSON body of a refusal (the challenge header carries the same error). */
export function errorBody(refusal: Refusal): { error?: string; error_description: string } {
  return refusal.error
    ? { error: refusal.error, error_description: refusal.error_description }
    : { error_description: refusal.error_description };
}

export type AccessResult = { ok: true; access: VerifiedAccess } | Refusal;

export type TokenFailure =
  | "malformed"
  | "bad_signature"
  | "expired"
  | "wrong_issuer"
  | "wrong_audience"
  | "wrong_type"
  | "revoked"
  | "status_unavailable";

const FAILURES: Record<TokenFailure, string> = {
  malformed: "The access token is malformed.",
  bad_signature: "The access token signature is not valid for this authorization server.",
  expired: "The access token expired.",
  wrong_issuer: "The access token was issued by another authorization server.",
  wrong_audience: "The access token was issued for another resource.",
  wrong_type: "The access token is not an RFC 9068 JWT access token.",
  revoked: "The access token was revoked.",
  status_unavailable: "The access token's revocation status cannot be checked right now; try again shortly.",
};

export interface ResourceVerifier {
  readonly resource: string;
  /** RFC 9728 §3.1 URL of this resource's metadata document. */
  readonly metadataUrl: string;
  metadata(): ProtectedResourceMetadata;
  /** Checks a token alone (no request, no DPoP, no scopes). */
  verifyToken(token: string): Promise<{ ok: true; claims: AccessTokenClaims } | { ok: false; reason: TokenFailure }>;
  /** The whole decision for a request that needs `requiredScopes`. */
  authorize(request: RequestLike, requiredScopes?: readonly string[]): Promise<AccessResult>;
  /** How many Status List Tokens were fetched so far. */
  readonly statusListFetches: number;
}

export function createResourceVerifier(options: ResourceVerifierOptions): ResourceVerifier {
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const algorithms = options.algorithms ?? ACCESS_TOKEN_ALGORITHMS;
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  const getKey = keySource(options, fetchImpl);
  const issuerPrefix = options.issuer.endsWith("/") ? options.issuer : `${options.issuer}/`;
  const statusLists = new StatusListCache({
    getKey,
    algorithms,
    allowUri: (uri) => uri.startsWith(issuerPrefix),
    fetch: fetchImpl,
    now,
    clockToleranceSeconds: clockTolerance,
  });
  const rememberJti = options.rememberDpopJti ?? memoryJtiStore(now);
  const metadataUrl = options.metadataUrl ?? protectedResourceMetadataUrl(options.resource);
  const hierarchy = options.scopeHierarchy ?? {};

  // Tokens whose signature and fixed claims already checked out: an MCP client presents the same
  // token on every call, and the signature check is most of the cost. An entry is trusted for at
  // most a minute (so a key withdrawn from the JWKS stops its tokens soon) and exp is re-checked.
  const verified = new Map<string, { claims: AccessTokenClaims; until: number }>();

  async function verifySignedClaims(token: string): Promise<AccessTokenClaims | TokenFailure> {
    const t = now();
    const hit = verified.get(token);
    if (hit && t < hit.until) return t < (hit.claims.exp + clockTolerance) * 1000 ? hit.claims : "expired";
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        issuer: options.issuer,
        audience: options.resource,
        typ: "at+jwt",
        algorithms,
        clockTolerance,
        currentDate: new Date(now()),
        requiredClaims: ["iss", "sub", "aud", "exp", "iat", "jti", "client_id"],
      }));
    } catch (err) {
      return tokenFailure(err);
    }
    const claims = payload as AccessTokenClaims;
    if (typeof claims.client_id !== "string" || typeof claims.sub !== "string") return "malformed";
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, { claims, until: t + 60_000 });
    return claims;
  }

  async function verifyToken(
    token: string,
  ): Promise<{ ok: true; claims: AccessTokenClaims } | { ok: false; reason: TokenFailure }> {
    const claims = await verifySignedClaims(token);
    if (typeof claims === "string") return { ok: false, reason: claims };
    if (options.statusList !== false) {
      const status = readStatusClaim(claims);
      if (status === "malformed") return { ok: false, reason: "malformed" };
      if (status) {
        try {
          const value = await statusLists.status(status.status_list.uri, status.status_list.idx);
          if (value !== STATUS_VALID) return { ok: false, reason: "revoked" };
        } catch (err) {
          if (err instanceof StatusListUnavailable) return { ok: false, reason: "status_unavailable" };
          throw err;
        }
      }
    }
    return { ok: true, claims };
  }

  async function authorize(request: RequestLike, requiredScopes: readonly string[] = []): Promise<AccessResult> {
    const refuse = (status: Refusal["status"], params: BearerChallengeParams): Refusal => {
      const body = params.error
        ? { error: params.error, error_description: params.error_description ?? "" }
        : { error_description: "This MCP server needs an OAuth access token." };
      return {
        ok: false,
        status,
        ...body,
        headers: [["WWW-Authenticate", bearerChallenge({ ...params, resource_metadata: metadataUrl })]],
      };
    };
    const authorization = request.headers.get("authorization");
    const dpopAuth = parseDpopAuthorization(authorization);
    const bearer = dpopAuth.ok
      ? ({ ok: true, token: dpopAuth.token } as const)
      : parseBearerAuthorization(authorization);
    if (!bearer.ok) {
      // No credentials: the discovery challenge (RFC 6750 §3.1, no error code); broken ones: invalid_request.
      if (bearer.reason === "missing")
        return refuse(401, { scope: requiredScopes.length > 0 ? requiredScopes : (options.scopesSupported ?? []) });
      return refuse(400, {
        error: "invalid_request",
        error_description: 'Send exactly one access token as "Authorization: Bearer <token>".',
      });
    }
    const token = bearer.token;
    const verified = await verifyToken(token);
    if (!verified.ok) {
      if (verified.reason === "status_unavailable")
        return {
          ok: false,
          status: 503,
          error: "temporarily_unavailable",
          error_description: FAILURES.status_unavailable,
          headers: [["Retry-After", "5"]],
        };
      return refuse(401, { error: "invalid_token", error_description: FAILURES[verified.reason] });
    }
    const claims = verified.claims;
    const dpopFailure = await checkDpop(request, token, claims.cnf?.jkt, dpopAuth.ok);
    if (dpopFailure) {
      return {
        ok: false,
        status: 401,
        ...dpopFailure,
        headers: [
          ["WWW-Authenticate", dpopChallenge(dpopFailure)],
          ["WWW-Authenticate", bearerChallenge({ resource_metadata: metadataUrl })],
        ],
      };
    }
    if (options.isActive && !(await options.isActive(claims)))
      return refuse(401, { error: "invalid_token", error_description: FAILURES.revoked });
    const scopes = parseScope(claims.scope);
    const missing = missingScopes(scopes, requiredScopes, hierarchy);
    if (missing.length > 0) {
      return refuse(403, {
        error: "insufficient_scope",
        error_description: `This call needs the scope ${missing.join(" ")}.`,
        // Every scope the operation needs, in one challenge: the client asks for their union with what it holds.
        scope: [...new Set(requiredScopes)],
      });
    }
    return {
      ok: true,
      access: {
        token,
        claims,
        clientId: claims.client_id,
        subject: claims.sub,
        scopes,
        expiresAt: claims.exp,
        ...(claims.cnf?.jkt ? { jkt: claims.cnf.jkt } : {}),
      },
    };
  }

  type DpopFailure = { error: "invalid_token" | "invalid_dpop_proof"; error_description: string };

  async function checkDpop(
    request: RequestLike,
    token: string,
    jkt: string | undefined,
    dpopScheme: boolean,
  ): Promise<DpopFailure | undefined> {
    if (!jkt && !dpopScheme) return undefined;
    if (!jkt)
      return { error: "invalid_token", error_description: "The access token is not DPoP-bound: send it as Bearer." };
    if (!dpopScheme)
      return {
        error: "invalid_token",
        error_description: 'The access token is DPoP-bound: send it as "Authorization: DPoP" with a DPoP proof.',
      };
    const header = request.headers.get("dpop");
    try {
      // htu: the path the request was sent to, on the resource's public origin (never the Host header).
      const proof = await verifyDpopProof({
        headerValues: header === null ? [] : [header],
        method: request.method,
        url: new URL(new URL(request.url, options.resource).pathname, options.resource).href,
        now: new Date(now()),
        accessToken: token,
      });
      if (proof.jkt !== jkt)
        return {
          error: "invalid_dpop_proof",
          error_description: "The DPoP proof is signed by another key than the token's.",
        };
      if (!(await rememberJti(proof.jkt, proof.jti, proof.replayUntil)))
        return { error: "invalid_dpop_proof", error_description: "The DPoP proof was already used (jti replay)." };
      return undefined;
    } catch (err) {
      if (err instanceof DpopError) return { error: "invalid_dpop_proof", error_description: err.message };
      throw err;
    }
  }

  return {
    resource: options.resource,
    metadataUrl,
    metadata: () =>
      protectedResourceMetadata({
        resource: options.resource,
        issuer: options.issuer,
        scopes: options.scopesSupported ?? [],
        name: options.resourceName,
      }),
    verifyToken,
    authorize,
    get statusListFetches() {
      return statusLists.fetches;
    },
  };
}

function tokenFailure(err: unknown): TokenFailure {
  if (err instanceof joseErrors.JWTExpired) return "expired";
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === "iss") return "wrong_issuer";
    if (err.claim === "aud") return "wrong_audience";
    if (err.claim === "typ") return "wrong_type";
    return "malformed";
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey)
    return "bad_signature";
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return "bad_signature";
  return "malformed";
}

/**
 * Keys from a JWKS URL (jose's remote set: cached, refetched at most once per 30 s when a token names
 * an unknown kid, so a key rotation is picked up and a flood of forged kids cannot make us hammer the
 * issuer), from the issuer's RFC 8414 metadata when no URL is given, or from the caller's function.
 */
function keySource(options: ResourceVerifierOptions, fetchImpl: typeof fetch): JWTVerifyGetKey {
  if (typeof options.jwks === "function") return options.jwks;
  const remote = (url: URL) =>
    createRemoteJWKSet(url, {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
      // Tests route fetches to an in-process server; jose's hook takes a fetch-like function.
      [customFetch]: (url: string, init: RequestInit) => fetchImpl(url, init),
    });
  if (options.jwks) return remote(new URL(options.jwks));
  let discovered: Promise<JWTVerifyGetKey> | undefined;
  return async (header, token) => {
    discovered ??= discoverJwksUri(options.issuer, fetchImpl)
      .then((url) => remote(url))
      .catch((err) => {
        discovered = undefined;
        throw err;
      });
    return (await discovered)(header, token);
  };
}

/** RFC 8414 §3.1: the metadata URL inserts the well-known segment before the issuer's path. */
async function discoverJwksUri(issuer: string, fetchImpl: typeof fetch): Promise<URL> {
  const url = new URL(issuer);
  const path = url.pathname === "/" ? "" : url.pathname;
  const response = await fetchImpl(`${url.origin}/.well-known/oauth-authorization-server${path}`, {
    headers: { accept: "application/json" },
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`Authorization server metadata answered HTTP ${response.status}.`);
  const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (metadata.issuer !== issuer) throw new Error("Authorization server metadata names another issuer.");
  if (typeof metadata.jwks_uri !== "string") throw new Error("Authorization server metadata has no jwks_uri.");
  return new URL(metadata.jwks_uri);
}

/** Single-process DPoP jti memory; several instances should pass a shared store (a table, Redis). */
function memoryJtiStore(now: () => number): (jkt: string, jti: string, until: Date) => Promise<boolean> {
  const seen = new Map<string, number>();
  return async (jkt, jti, until) => {
    const t = now();
    if (seen.size > 10_000) for (const [k, exp] of seen) if (exp <= t) seen.delete(k);
    const key = `${jkt} ${jti}`;
    const exp = seen.get(key);
    if (exp !== undefined && exp > t) return false;
    seen.set(key, until.getTime());
    return true;
  };
}
