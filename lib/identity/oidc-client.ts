// The relying-party side of OpenID Connect, on panva's openid-client v6 (certified, maintained,
// built on oauth4webapi): discovery, the authorization request (code + PKCE S256 + state + nonce,
// never the implicit flow) and the callback (RFC 9207 `iss` check, ID token signature, iss, aud,
// exp and nonce). Framework-free: plain inputs, plain results, an injectable fetch.
import * as client from "openid-client";
import { isLoopbackHost } from "@/lib/oauth/loopback";
import { SSO_REFUSALS, type SsoRefusal } from "./refusals";

export interface IdpTransport {
  /** Local testing only (GATEHOUSE_IDP_ALLOW_HTTP_LOOPBACK): plain http to a loopback issuer. */
  allowHttpLoopback: boolean;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Seconds; openid-client's default is 30. */
  timeout?: number;
}

export interface IdpClientSettings {
  issuer: string;
  clientId: string;
  /** null: a public client, PKCE only. */
  clientSecret: string | null;
}

/** A refusal with words a person can act on; `reason` is stable for audit, tests and the page. */
export class IdpError extends Error {
  constructor(
    readonly reason: SsoRefusal | "bad_issuer",
    message?: string,
  ) {
    super(message ?? (reason === "bad_issuer" ? "The issuer is not valid." : SSO_REFUSALS[reason]));
    this.name = "IdpError";
  }
}

/** https always; http only for a loopback host and only while the test flag is on. */
export function checkIssuerUrl(issuer: string, allowHttpLoopback: boolean): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new IdpError("bad_issuer", "The issuer is not a URL.");
  }
  if (url.search || url.hash) throw new IdpError("bad_issuer", "The issuer must not have a query or fragment.");
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && allowHttpLoopback && isLoopbackHost(url.hostname)) return url;
  throw new IdpError("bad_issuer", "The issuer must be an https:// URL.");
}

function requestOptions(transport: IdpTransport, insecure: boolean) {
  return {
    execute: insecure ? [client.allowInsecureRequests] : [],
    ...(transport.fetch ? { [client.customFetch]: transport.fetch as client.CustomFetch } : {}),
    timeout: transport.timeout ?? 10,
  };
}

/**
 * Fetches {issuer}/.well-known/openid-configuration (openid-client checks that the document's
 * issuer is exactly the one asked for) and returns the client configuration. Confidential clients
 * authenticate with client_secret_basic when the IdP supports it (the default of OIDC Core §9),
 * otherwise client_secret_post.
 */
export async function discoverIdp(settings: IdpClientSettings, transport: IdpTransport): Promise<client.Configuration> {
  const url = checkIssuerUrl(settings.issuer, transport.allowHttpLoopback);
  const insecure = url.protocol === "http:";
  let discovered: client.Configuration;
  try {
    discovered = await client.discovery(
      url,
      settings.clientId,
      undefined,
      client.None(),
      requestOptions(transport, insecure),
    );
  } catch (err) {
    throw new IdpError("discovery_failed", `Discovery failed at ${url.origin}: ${describe(err)}`);
  }
  const metadata = discovered.serverMetadata();
  const methods = metadata.token_endpoint_auth_methods_supported;
  const auth = !settings.clientSecret
    ? client.None()
    : !methods || methods.includes("client_secret_basic")
      ? client.ClientSecretBasic(settings.clientSecret)
      : client.ClientSecretPost(settings.clientSecret);
  const config = new client.Configuration(metadata, settings.clientId, undefined, auth);
  if (transport.fetch) config[client.customFetch] = transport.fetch as client.CustomFetch;
  if (insecure) client.allowInsecureRequests(config);
  // openid-client, like OIDC Core §3.1.3.7 (6) permits, trusts TLS for ID tokens fetched from the
  // token endpoint and skips their signature; we verify it against the IdP's JWKS all the same.
  client.enableNonRepudiationChecks(config);
  config.timeout = transport.timeout ?? 10;
  return config;
}

export interface LoginStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The authorization request: response_type=code with PKCE S256, a fresh state and nonce. */
export async function buildLoginRequest(
  config: client.Configuration,
  redirectUri: string,
  scopes: readonly string[],
  loginHint?: string,
): Promise<LoginStart> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    response_type: "code",
    redirect_uri: redirectUri,
    scope: scopes.includes("openid") ? scopes.join(" ") : ["openid", ...scopes].join(" "),
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
  return { url, state, nonce, codeVerifier };
}

/**
 * Validates the authorization response at the callback URL and redeems the code. openid-client
 * checks `state`, the RFC 9207 `iss` parameter (required when the IdP advertises
 * authorization_response_iss_parameter_supported, compared whenever present), then the ID token:
 * signature against the IdP's JWKS, iss, aud, azp, exp, iat and our nonce. Returns its claims.
 */
export async function completeLogin(
  config: client.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string; redirectUri: string },
): Promise<Record<string, unknown>> {
  const upstreamError = callbackUrl.searchParams.get("error");
  if (upstreamError) {
    const description = callbackUrl.searchParams.get("error_description");
    throw new IdpError(
      "upstream_error",
      `The identity provider refused the sign-in (${upstreamError}${description ? `: ${description}` : ""}).`,
    );
  }
  let tokens;
  try {
    tokens = await client.authorizationCodeGrant(
      config,
      callbackUrl,
      {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      },
      { redirect_uri: checks.redirectUri },
    );
  } catch (err) {
    throw toIdpError(err);
  }
  const claims = tokens.claims();
  if (!claims) throw new IdpError("no_id_token");
  return claims as Record<string, unknown>;
}

/** openid-client wraps oauth4webapi's error, which carries the claim in its own cause. */
function causeChain(err: unknown): { code?: string; claim?: string; messages: string } {
  const messages: string[] = [];
  let code: string | undefined;
  let claim: string | undefined;
  for (
    let e = err as { code?: string; claim?: string; message?: string; cause?: unknown } | undefined, i = 0;
    e && i < 5;
    i++
  ) {
    if (typeof e !== "object") break;
    code ??= typeof e.code === "string" ? e.code : undefined;
    claim ??= typeof e.claim === "string" ? e.claim : undefined;
    if (e.message) messages.push(e.message);
    e = e.cause as typeof e;
  }
  return { code, claim, messages: messages.join(" / ") };
}

/** openid-client's codes and claim names, in words a person can act on. */
function toIdpError(err: unknown): IdpError {
  const { code, claim, messages } = causeChain(err);
  switch (code) {
    case "OAUTH_JWT_CLAIM_COMPARISON_FAILED":
      if (claim === "nonce") return new IdpError("bad_nonce");
      if (claim === "iss") return new IdpError("bad_iss");
      if (claim === "aud" || claim === "azp") return new IdpError("bad_aud");
      return new IdpError("bad_claim", `The ID token's ${claim ?? "claims"} did not match: ${messages}`);
    case "OAUTH_JWT_TIMESTAMP_CHECK_FAILED":
      return new IdpError("expired");
    case "OAUTH_KEY_SELECTION_FAILED":
      return new IdpError("bad_signature");
  }
  if (/signature/i.test(messages)) return new IdpError("bad_signature");
  if (/"iss"/.test(messages) && /response parameter/i.test(messages)) return new IdpError("bad_response_iss");
  if (/"state"/.test(messages)) return new IdpError("bad_state");
  return new IdpError("token_failed", `The identity provider's answer failed a check: ${messages}`);
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
  return `${err.message}${cause}`;
}

export interface ConnectionCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * "Test connection": discovery, what the document promises, and the JWKS. Every check says in
 * words what it found; nothing is thrown.
 */
export async function testIdpConnection(
  settings: IdpClientSettings,
  transport: IdpTransport,
): Promise<ConnectionCheck[]> {
  const checks: ConnectionCheck[] = [];
  let config: client.Configuration;
  try {
    config = await discoverIdp(settings, transport);
  } catch (err) {
    return [{ name: "Discovery", ok: false, detail: err instanceof Error ? err.message : String(err) }];
  }
  const m = config.serverMetadata();
  checks.push({
    name: "Discovery",
    ok: true,
    detail: `Found ${settings.issuer.replace(/\/$/, "")}/.well-known/openid-configuration; its issuer matches.`,
  });
  checks.push({
    name: "Authorization code flow",
    ok: Boolean(m.authorization_endpoint && m.token_endpoint) && (m.response_types_supported?.includes("code") ?? true),
    detail:
      m.authorization_endpoint && m.token_endpoint
        ? "Authorization and token endpoints are published."
        : "The document lacks an authorization or token endpoint.",
  });
  const pkce = m.code_challenge_methods_supported;
  checks.push({
    name: "PKCE (S256)",
    ok: !pkce || pkce.includes("S256"),
    detail: !pkce
      ? "Not advertised; Gatehouse sends S256 anyway (most IdPs accept it)."
      : pkce.includes("S256")
        ? "Supported."
        : `Only ${pkce.join(", ")} advertised.`,
  });
  if (!m.jwks_uri) {
    checks.push({
      name: "Signing keys (JWKS)",
      ok: false,
      detail: "The document has no jwks_uri: ID tokens cannot be verified.",
    });
    return checks;
  }
  try {
    const response = await (transport.fetch ?? fetch)(m.jwks_uri, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout((transport.timeout ?? 10) * 1000),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const jwks = (await response.json()) as { keys?: { use?: string; kty?: string }[] };
    const signing = (jwks.keys ?? []).filter((k) => k.use !== "enc");
    checks.push({
      name: "Signing keys (JWKS)",
      ok: signing.length > 0,
      detail:
        signing.length > 0
          ? `${signing.length} signing key(s) at ${m.jwks_uri}.`
          : `${m.jwks_uri} lists no signing keys.`,
    });
  } catch (err) {
    checks.push({ name: "Signing keys (JWKS)", ok: false, detail: `Could not read ${m.jwks_uri}: ${describe(err)}` });
  }
  return checks;
}
