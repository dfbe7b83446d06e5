// The token endpoint (OAuth 2.1 §3.2, checklist §7–§10): a form-encoded POST, one client
// authentication method, a grant. Every response is JSON with Cache-Control: no-store; errors use
// RFC 6749 §5.2 codes (invalid_client is 401, with a Basic challenge when Basic was tried).
import type { AuthenticatableClient } from "./client-auth";
import { authenticateEndpointClient, type ClientLookup } from "./endpoint-client";
import { jsonNoStoreResult, OAuthError, oauthErrorResult } from "./errors";
import { JWT_BEARER_GRANT } from "./id-jag";
import { readFormBody } from "./params";
import type { ProtocolRequest, ProtocolResponse } from "./protocol-http";

export interface TokenSet {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

export interface TokenGrants<C> {
  authorizationCode(
    client: C,
    input: { code: string; codeVerifier: string | undefined; redirectUri: string | undefined; resources: string[] },
  ): Promise<TokenSet>;
  refreshToken(
    client: C,
    input: { refreshToken: string; scope: string | undefined; resources: string[] },
  ): Promise<TokenSet>;
  clientCredentials(client: C, input: { scope: string | undefined; resources: string[] }): Promise<TokenSet>;
  /** RFC 7523 §2.1 with an ID-JAG assertion (lib/oauth/id-jag.ts). */
  jwtBearer(client: C, input: { assertion: string; scope: string | undefined; resources: string[] }): Promise<TokenSet>;
}

export interface TokenEndpointDeps<C> extends ClientLookup<C> {
  grants: TokenGrants<C>;
  onUnexpectedError(err: unknown): void;
}

const SUPPORTED = new Set(["authorization_code", "refresh_token", "client_credentials", JWT_BEARER_GRANT]);

export async function handleTokenRequest<C extends AuthenticatableClient>(
  request: ProtocolRequest,
  deps: TokenEndpointDeps<C>,
): Promise<ProtocolResponse> {
  const basicAttempted = /^basic\s/i.test(request.headers.get("authorization") ?? "");
  try {
    const { params, repeated } = await readFormBody(request);
    const grantType = params.get("grant_type");
    if (!grantType) throw new OAuthError("invalid_request", "grant_type is required.");
    if (!SUPPORTED.has(grantType))
      throw new OAuthError("unsupported_grant_type", `grant_type ${grantType} is not supported.`);
    const client = await authenticateEndpointClient(request.headers, params, deps);
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
      });
    } else if (grantType === "refresh_token") {
      const refreshToken = params.get("refresh_token");
      if (!refreshToken) throw new OAuthError("invalid_request", "refresh_token is required.");
      body = await deps.grants.refreshToken(client, { refreshToken, scope: params.get("scope"), resources });
    } else if (grantType === JWT_BEARER_GRANT) {
      const assertion = params.get("assertion");
      if (!assertion) throw new OAuthError("invalid_request", "assertion is required (RFC 7523 §2.1).");
      body = await deps.grants.jwtBearer(client, { assertion, scope: params.get("scope"), resources });
    } else {
      body = await deps.grants.clientCredentials(client, { scope: params.get("scope"), resources });
    }
    return jsonNoStoreResult(body);
  } catch (err) {
    if (err instanceof OAuthError) return oauthErrorResult(err, basicAttempted);
    deps.onUnexpectedError(err);
    return jsonNoStoreResult(
      { error: "server_error", error_description: "The authorization server failed unexpectedly." },
      500,
    );
  }
}
