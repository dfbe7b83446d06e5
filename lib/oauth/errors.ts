// OAuth error objects (RFC 6749 §5.2, OAuth 2.1 §3.2.4, RFC 8707 invalid_target, RFC 7009, RFC 7591)
// and JSON responses with Cache-Control: no-store (OAuth 2.1 §3.2.3).
import { BodyTooLargeError, MalformedBodyError } from "@/lib/http/read-body-capped";
import { jsonResult, toWebResponse, type ProtocolResponse } from "./protocol-http";

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "invalid_target"
  | "access_denied"
  | "unsupported_response_type"
  | "server_error"
  | "temporarily_unavailable"
  | "login_required"
  | "consent_required"
  | "unsupported_token_type"
  | "invalid_redirect_uri"
  | "invalid_client_metadata"
  /** RFC 6750 §3.1: a missing or bad initial access token at the registration endpoint (RFC 7591 §3). */
  | "invalid_token"
  /** RFC 9449 §5, §8: a bad DPoP proof at the token endpoint; a proof without the server's nonce. */
  | "invalid_dpop_proof"
  | "use_dpop_nonce";

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = "OAuthError";
  }
}

/**
 * A body reader's failure as an OAuth error: too large → 413 invalid_request (Connection: close,
 * the rest of the body is not read); unreadable (bad JSON, NUL) → 400 with `code`.
 */
export function bodyReadError(err: unknown, code: OAuthErrorCode = "invalid_request"): unknown {
  if (err instanceof BodyTooLargeError)
    return new OAuthError("invalid_request", err.message, 413, { Connection: "close" });
  if (err instanceof MalformedBodyError) return new OAuthError(code, err.message);
  return err;
}

export const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" } as const;

export function jsonNoStoreResult(body: unknown, status = 200, headers: Record<string, string> = {}): ProtocolResponse {
  return jsonResult(body, status, { ...NO_STORE, ...headers });
}

export function jsonNoStore(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return toWebResponse(jsonNoStoreResult(body, status, headers));
}

/**
 * An error response for the token, revocation and introspection endpoints. invalid_client is 401;
 * when the client tried HTTP Basic, the challenge names that scheme (RFC 6749 §5.2).
 */
export function oauthErrorResult(err: OAuthError, basicAttempted = false): ProtocolResponse {
  const headers: Record<string, string> = { ...err.headers };
  let status = err.status;
  if (err.code === "invalid_client") {
    status = err.status === 429 ? 429 : 401;
    if (status === 401)
      headers["WWW-Authenticate"] = basicAttempted
        ? 'Basic realm="gatehouse", charset="UTF-8"'
        : 'Basic realm="gatehouse"';
  }
  return jsonNoStoreResult({ error: err.code, error_description: err.description }, status, headers);
}

export function oauthErrorResponse(err: OAuthError, basicAttempted = false): Response {
  return toWebResponse(oauthErrorResult(err, basicAttempted));
}
