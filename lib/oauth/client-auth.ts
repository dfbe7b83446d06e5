// Client authentication at the token, revocation and introspection endpoints (OAuth 2.1 §2.4):
// client_secret_basic (client id and secret form-urlencoded before base64, RFC 6749 §2.3.1),
// client_secret_post, private_key_jwt (a signed client assertion, RFC 7523 §2.2; verified in
// client-assertion.ts), or none (public clients send only client_id). Exactly one method per
// request (TOK-07); a confidential client must authenticate (TOK-08); public clients may not
// present a secret.
import { hasNul, NUL_MESSAGE } from "@/lib/http/read-body-capped";
import { assertionClientId, CLIENT_ASSERTION_TYPE } from "./client-assertion";
import { verifyClientSecret, type StoredClientSecrets } from "./client-credentials-secret";
import { OAuthError } from "./errors";
import type { Params } from "./params";
import type { HeaderReader } from "./protocol-http";

export interface PresentedClient {
  method: "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";
  clientId: string;
  clientSecret?: string;
  /** private_key_jwt: the compact JWT, verified later against the client's keys. */
  clientAssertion?: string;
}

function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, " "));
}

/** Parses an HTTP Basic header into client id and secret; undefined when it is not Basic. */
export function parseBasicAuth(header: string | null): { clientId: string; clientSecret: string } | undefined {
  const m = header ? /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header) : null;
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new OAuthError("invalid_client", "The Basic credentials are malformed.");
  let credentials: { clientId: string; clientSecret: string };
  try {
    credentials = { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw new OAuthError("invalid_client", "The Basic credentials are not correctly form-encoded.");
  }
  // Raw or form-encoded (%00): no client id or secret contains NUL, and PostgreSQL refuses it.
  if (hasNul(credentials.clientId) || hasNul(credentials.clientSecret))
    throw new OAuthError("invalid_request", NUL_MESSAGE);
  return credentials;
}

/** What the request presents. Throws invalid_request for two methods at once. */
export function presentedClient(headers: HeaderReader, params: Params): PresentedClient {
  const authorization = headers.get("authorization");
  const basic = parseBasicAuth(authorization);
  if (authorization && !basic)
    throw new OAuthError(
      "invalid_client",
      "Only HTTP Basic client authentication is supported in the Authorization header.",
    );
  const bodySecret = params.get("client_secret");
  const bodyId = params.get("client_id");
  if (params.has("client_assertion") || params.has("client_assertion_type")) {
    if (basic || bodySecret !== undefined)
      throw new OAuthError("invalid_request", "Use one client authentication method, not a secret and an assertion.");
    if (params.get("client_assertion_type") !== CLIENT_ASSERTION_TYPE)
      throw new OAuthError("invalid_client", `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}.`);
    const assertion = params.get("client_assertion");
    if (!assertion) throw new OAuthError("invalid_client", "client_assertion is required.");
    const clientId = assertionClientId(assertion);
    if (bodyId !== undefined && bodyId !== clientId)
      throw new OAuthError("invalid_client", "client_id differs from the client_assertion's iss.");
    return { method: "private_key_jwt", clientId, clientAssertion: assertion };
  }
  if (basic) {
    if (bodySecret !== undefined)
      throw new OAuthError(
        "invalid_request",
        "Use one client authentication method, not both Basic and client_secret.",
      );
    if (bodyId !== undefined && bodyId !== basic.clientId)
      throw new OAuthError("invalid_request", "client_id in the body differs from the Basic credentials.");
    return { method: "client_secret_basic", ...basic };
  }
  if (!bodyId) throw new OAuthError("invalid_client", "Client authentication is required (client_id is missing).");
  if (bodySecret !== undefined) return { method: "client_secret_post", clientId: bodyId, clientSecret: bodySecret };
  return { method: "none", clientId: bodyId };
}

export interface AuthenticatableClient extends StoredClientSecrets {
  isConfidential: boolean;
  tokenEndpointAuthMethod: string;
  disabledAt: Date | null;
}

/** Checks the presented credentials against the client as registered; throws invalid_client. */
export function authenticatePresentedClient<C extends AuthenticatableClient>(
  presented: PresentedClient,
  client: C | null,
  now: Date,
): C {
  if (!client || client.disabledAt) throw new OAuthError("invalid_client", "Client authentication failed.");
  // Key-based clients authenticate only with an assertion, and an assertion only works for them;
  // the signature itself is checked by the caller (it needs the keys, the clock and the jti store).
  if ((client.tokenEndpointAuthMethod === "private_key_jwt") !== (presented.method === "private_key_jwt"))
    throw new OAuthError(
      "invalid_client",
      presented.method === "private_key_jwt"
        ? "This client is not registered for private_key_jwt."
        : "This client must authenticate with private_key_jwt (a signed client_assertion).",
    );
  if (presented.method === "private_key_jwt") return client;
  if (client.isConfidential) {
    if (presented.clientSecret === undefined)
      throw new OAuthError("invalid_client", "This client must authenticate with its client secret.");
    if (!verifyClientSecret(client, presented.clientSecret, now))
      throw new OAuthError("invalid_client", "Client authentication failed.");
    return client;
  }
  if (presented.method !== "none")
    throw new OAuthError("invalid_client", "This is a public client: send only client_id, no secret.");
  return client;
}
