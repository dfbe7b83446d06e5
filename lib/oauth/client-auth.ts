// Client authentication at the token, revocation and introspection endpoints (OAuth 2.1 §2.4):
// client_secret_basic (client id and secret form-urlencoded before base64, RFC 6749 §2.3.1),
// client_secret_post, or none (public clients send only client_id). Exactly one method per
// request (TOK-07); a confidential client must authenticate (TOK-08); public clients may not
// present a secret.
import { hasNul, NUL_MESSAGE } from "@/lib/http/read-body-capped";
import { verifyClientSecret, type StoredClientSecrets } from "./client-credentials-secret";
import { OAuthError } from "./errors";
import type { Params } from "./params";
import type { HeaderReader } from "./protocol-http";

export interface PresentedClient {
  method: "client_secret_basic" | "client_secret_post" | "none";
  clientId: string;
  clientSecret?: string;
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
    throw new OAuthError("invalid_client", "private_key_jwt is not supported for this client.");
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
  disabledAt: Date | null;
}

/** Checks the presented credentials against the client as registered; throws invalid_client. */
export function authenticatePresentedClient<C extends AuthenticatableClient>(
  presented: PresentedClient,
  client: C | null,
  now: Date,
): C {
  if (!client || client.disabledAt) throw new OAuthError("invalid_client", "Client authentication failed.");
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
