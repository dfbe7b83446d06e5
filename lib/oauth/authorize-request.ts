// Validation of an authorization request (OAuth 2.1 §4.1.1, checklist §5–§6). Order matters:
// client_id and redirect_uri first — any problem there is shown to the user and never redirected
// (AUTHZ-02); only then are other errors sent back to the client's redirect URI (AUTHZ-06).
import { canonicalResourceUrl } from "./resource";
import { matchRedirectUri } from "./redirect-uri";
import { CODE_CHALLENGE_PATTERN } from "./pkce";
import { clientScopeCeiling, isSubset, parseScope } from "./scope";
import type { OAuthErrorCode } from "./errors";
import type { ParsedParams } from "./params";

export interface AuthorizeClient {
  clientId: string;
  redirectUris: string[];
  grantTypes: string[];
  allowedScopes: string[];
  disabledAt: Date | null;
}

export interface AuthorizeServer {
  resource: string;
  scopes: { name: string }[];
  defaultScopes: string[];
}

export interface ValidAuthorizeRequest {
  clientId: string;
  redirectUri: string;
  redirectUriGiven: boolean;
  scopes: string[];
  resource: string;
  state: string | undefined;
  codeChallenge: string;
  prompt: "none" | "consent" | "login" | undefined;
  /** RFC 9449 §10: the thumbprint of the DPoP key the code must be redeemed with. */
  dpopJkt: string | undefined;
}

export type AuthorizeValidation =
  | { kind: "ok"; request: ValidAuthorizeRequest }
  /** Show an error page; never redirect (unknown client or bad redirect URI). */
  | { kind: "page"; title: string; description: string }
  /** Redirect to the client with error, error_description, state and iss. */
  | { kind: "redirect"; redirectUri: string; error: OAuthErrorCode; description: string; state: string | undefined };

/** RFC 8707 §2: an absolute URI without a fragment, canonicalised (scheme/host lower-case). */
export function canonicalResourceOrNull(value: string): string | null {
  if (value.includes("#")) return null;
  try {
    const url = new URL(value);
    if (!url.protocol || !url.host) return null;
    return canonicalResourceUrl(value);
  } catch {
    return null;
  }
}

export function validateAuthorizeRequest(
  parsed: ParsedParams,
  findClient: (clientId: string) => AuthorizeClient | null,
  server: AuthorizeServer,
): AuthorizeValidation {
  const p = parsed.params;
  const clientId = p.get("client_id");
  if (!clientId)
    return {
      kind: "page",
      title: "Missing client_id",
      description: "The application did not say who it is (client_id is missing).",
    };
  const client = findClient(clientId);
  if (!client)
    return {
      kind: "page",
      title: "Unknown application",
      description: "This application is not registered with this MCP server.",
    };
  if (client.disabledAt)
    return {
      kind: "page",
      title: "Application disabled",
      description: "An administrator has disabled this application.",
    };

  const requested = p.get("redirect_uri");
  let redirectUri: string;
  if (requested !== undefined) {
    if (!matchRedirectUri(client.redirectUris, requested)) {
      return {
        kind: "page",
        title: "Invalid redirect URI",
        description: "The redirect URI is not registered for this application, so Gatehouse will not send you there.",
      };
    }
    redirectUri = requested;
  } else if (client.redirectUris.length === 1 && client.redirectUris[0]) {
    redirectUri = client.redirectUris[0];
  } else {
    return {
      kind: "page",
      title: "Missing redirect URI",
      description: "This application has several redirect URIs, so the request must name one (redirect_uri).",
    };
  }

  const state = p.get("state");
  const fail = (error: OAuthErrorCode, description: string): AuthorizeValidation => ({
    kind: "redirect",
    redirectUri,
    error,
    description,
    state,
  });

  const responseType = p.get("response_type");
  if (!responseType) return fail("invalid_request", "response_type is required.");
  if (responseType !== "code") return fail("unsupported_response_type", "Only response_type=code is supported.");
  if (!client.grantTypes.includes("authorization_code"))
    return fail("unauthorized_client", "This client may not use the authorization-code flow.");

  const challenge = p.get("code_challenge");
  if (!challenge)
    return fail("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256.");
  const method = p.get("code_challenge_method");
  if (method !== "S256") {
    return fail(
      "invalid_request",
      method
        ? `code_challenge_method ${method} is not supported; use S256.`
        : "code_challenge_method is required (S256); plain is not supported.",
    );
  }
  if (!CODE_CHALLENGE_PATTERN.test(challenge))
    return fail("invalid_request", "code_challenge must be 43 base64url characters (S256).");

  const resources = parsed.repeated.get("resource") ?? [];
  let resource = server.resource;
  for (const r of resources) {
    const canonical = canonicalResourceOrNull(r);
    if (canonical === null || canonical !== server.resource)
      return fail("invalid_target", `This authorization server issues tokens only for ${server.resource}.`);
    resource = canonical;
  }

  const serverScopes = server.scopes.map((s) => s.name);
  const ceiling = clientScopeCeiling(client.allowedScopes, serverScopes);
  const scopeParam = p.get("scope");
  const scopes =
    scopeParam === undefined ? server.defaultScopes.filter((s) => ceiling.includes(s)) : parseScope(scopeParam);
  if (!isSubset(scopes, ceiling)) {
    const unknown = scopes.filter((s) => !ceiling.includes(s));
    return fail("invalid_scope", `Not allowed for this client: ${unknown.join(" ")}.`);
  }

  // RFC 9449 §10: binds the code to a DPoP key; a JWK SHA-256 thumbprint is 43 base64url characters.
  const dpopJkt = p.get("dpop_jkt");
  if (dpopJkt !== undefined && !CODE_CHALLENGE_PATTERN.test(dpopJkt))
    return fail("invalid_request", "dpop_jkt must be a JWK SHA-256 thumbprint (43 base64url characters).");

  const promptValue = p.get("prompt");
  const prompt =
    promptValue === "none" || promptValue === "consent" || promptValue === "login" ? promptValue : undefined;

  return {
    kind: "ok",
    request: {
      clientId,
      redirectUri,
      redirectUriGiven: requested !== undefined,
      scopes,
      resource,
      state,
      codeChallenge: challenge,
      prompt,
      dpopJkt,
    },
  };
}

/**
 * The client's redirect URI with response parameters added to its query, keeping any query it
 * already has byte for byte (AUTHZ-08, RFC 6749 §3.1.2: url.searchParams would re-encode it, e.g.
 * "%20" as "+" and "?flag" as "?flag="); `iss` is always included (RFC 9207).
 */
export function authorizationResponseUrl(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  const added = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) added.append(k, v);
  const query = added.toString();
  if (query) url.search = url.search ? `${url.search}&${query}` : query;
  return url.toString();
}
