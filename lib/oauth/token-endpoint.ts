// The token endpoint (OAuth 2.1 §3.2, checklist §7–§10): a form-encoded POST, one client
// authentication method, a grant. Every response is JSON with Cache-Control: no-store; errors use
// RFC 6749 §5.2 codes (invalid_client is 401, with a Basic challenge when Basic was tried).
import type { AuthenticatableClient } from "./client-auth";
import { authenticateEndpointClient, type ClientLookup } from "./endpoint-client";
import { jsonNoStoreResult, OAuthError, oauthErrorResult } from "./errors";
import { JWT_BEARER_GRANT } from "./id-jag";
import { DpopError, verifyDpopProof } from "@gatehouse/mcp-resource-auth/dpop";
import { readFormBody } from "./params";
import type { ProtocolRequest, ProtocolResponse } from "./protocol-http";

export interface TokenSet {
  access_token: string;
  token_type: "Bearer" | "DPoP";
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

export interface TokenGrants<C> {
  authorizationCode(
    client: C,
    input: {
      code: string;
      codeVerifier: string | undefined;
      redirectUri: string | undefined;
      resources: string[];
      dpopJkt?: string;
    },
  ): Promise<TokenSet>;
  refreshToken(
    client: C,
    input: { refreshToken: string; scope: string | undefined; resources: string[]; dpopJkt?: string },
  ): Promise<TokenSet>;
  clientCredentials(
    client: C,
    input: { scope: string | undefined; resources: string[]; dpopJkt?: string },
  ): Promise<TokenSet>;
  /** RFC 7523 §2.1 with an ID-JAG assertion (lib/oauth/id-jag.ts). */
  jwtBearer(
    client: C,
    input: { assertion: string; scope: string | undefined; resources: string[]; dpopJkt?: string },
  ): Promise<TokenSet>;
}

/** DPoP at the token endpoint (RFC 9449 §5): the proof's rules, a server nonce, a replay store. */
export interface TokenEndpointDpop {
  /** The token endpoint's URL on the public origin (the proof's htu). */
  url: string;
  /** The nonce to hand out now (DPoP-Nonce); proofs must carry a current one (§8). */
  nonce(now: Date): string;
  nonceValid(nonce: string | undefined, now: Date): boolean;
  /** Remembers a proof's jti until replayUntil; false when it was seen already (§11.1). */
  rememberJti(jkt: string, jti: string, replayUntil: Date): Promise<boolean>;
}

export interface TokenEndpointDeps<C> extends ClientLookup<C> {
  grants: TokenGrants<C>;
  dpop?: TokenEndpointDpop;
  onUnexpectedError(err: unknown): void;
}

async function checkDpop(
  request: ProtocolRequest,
  dpop: TokenEndpointDpop | undefined,
  now: Date,
): Promise<string | undefined> {
  const header = request.headers.get("dpop");
  if (header === null) return undefined;
  if (!dpop) throw new OAuthError("invalid_dpop_proof", "DPoP is not supported here.");
  try {
    const proof = await verifyDpopProof({
      headerValues: [header],
      method: request.method,
      url: dpop.url,
      now,
      nonce: (value) => dpop.nonceValid(value, now),
    });
    if (!(await dpop.rememberJti(proof.jkt, proof.jti, proof.replayUntil)))
      throw new OAuthError("invalid_dpop_proof", "The DPoP proof was already used (jti replay).");
    return proof.jkt;
  } catch (err) {
    if (err instanceof DpopError) throw new OAuthError(err.code, err.message);
    throw err;
  }
}

const SUPPORTED = new Set(["authorization_code", "refresh_token", "client_credentials", JWT_BEARER_GRANT]);

export async function handleTokenRequest<C extends AuthenticatableClient>(
  request: ProtocolRequest,
  deps: TokenEndpointDeps<C>,
): Promise<ProtocolResponse> {
  const basicAttempted = /^basic\s/i.test(request.headers.get("authorization") ?? "");
  const now = deps.now();
  // Every answer to a request with a proof names the nonce to use next (RFC 9449 §8.2).
  const nonceHeader: Record<string, string> =
    deps.dpop && request.headers.get("dpop") !== null ? { "DPoP-Nonce": deps.dpop.nonce(now) } : {};
  try {
    const { params, repeated } = await readFormBody(request);
    const grantType = params.get("grant_type");
    if (!grantType) throw new OAuthError("invalid_request", "grant_type is required.");
    if (!SUPPORTED.has(grantType))
      throw new OAuthError("unsupported_grant_type", `grant_type ${grantType} is not supported.`);
    const client = await authenticateEndpointClient(request.headers, params, deps);
    const dpopJkt = await checkDpop(request, deps.dpop, now);
    if (!dpopJkt && (client as { dpopBoundAccessTokens?: boolean }).dpopBoundAccessTokens)
      throw new OAuthError("invalid_dpop_proof", "This client must send a DPoP proof (dpop_bound_access_tokens).");
    const resources = repeated.get("resource") ?? [];
    let body: TokenSet;
    if (grantType === "authorization_code") {
      const code = params.get("code");
      if (!code) throw new OAuthError("invalid_request", "code is required.");
      body = await deps.grants.authorizationCode(client, {
        code,
        codeVerifier: params.get("code_verifier"),
        redirectUri: params.get("redirect_uri"),
        resources,
        dpopJkt,
      });
    } else if (grantType === "refresh_token") {
      const refreshToken = params.get("refresh_token");
      if (!refreshToken) throw new OAuthError("invalid_request", "refresh_token is required.");
      body = await deps.grants.refreshToken(client, {
        refreshToken,
        scope: params.get("scope"),
        resources,
        dpopJkt,
      });
    } else if (grantType === JWT_BEARER_GRANT) {
      const assertion = params.get("assertion");
      if (!assertion) throw new OAuthError("invalid_request", "assertion is required (RFC 7523 §2.1).");
      body = await deps.grants.jwtBearer(client, { assertion, scope: params.get("scope"), resources, dpopJkt });
    } else {
      body = await deps.grants.clientCredentials(client, { scope: params.get("scope"), resources, dpopJkt });
    }
    return jsonNoStoreResult(body, 200, nonceHeader);
  } catch (err) {
    if (err instanceof OAuthError)
      return oauthErrorResult(
        err.code === "use_dpop_nonce" || err.code === "invalid_dpop_proof"
          ? new OAuthError(err.code, err.description, err.status, { ...err.headers, ...nonceHeader })
          : err,
        basicAttempted,
      );
    deps.onUnexpectedError(err);
    return jsonNoStoreResult(
      { error: "server_error", error_description: "The authorization server failed unexpectedly." },
      500,
    );
  }
}
