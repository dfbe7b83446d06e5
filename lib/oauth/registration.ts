// Dynamic Client Registration request validation (RFC 7591 §2–§3, checklist §3). Unknown fields are
// ignored (REG-07); bad redirect URIs are invalid_redirect_uri (REG-08); other bad metadata is
// invalid_client_metadata. The result is the effective metadata the server will store and echo.
import type { JWK } from "jose";
import { z } from "zod";
import { checkClientKeys } from "./client-jwks";
import { OAuthError } from "./errors";
import { JWT_BEARER_GRANT } from "./id-jag";
import { checkRedirectUri } from "./redirect-uri";
import { parseScope } from "./scope";

const AUTH_METHODS = ["none", "client_secret_basic", "client_secret_post", "private_key_jwt"] as const;
export type RegistrationAuthMethod = (typeof AUTH_METHODS)[number];

const optionalUrl = z.string().max(2000).optional();

const RegistrationRequest = z.object({
  redirect_uris: z.array(z.string()).max(20).optional(),
  token_endpoint_auth_method: z.string().optional(),
  grant_types: z.array(z.string()).max(10).optional(),
  response_types: z.array(z.string()).max(5).optional(),
  client_name: z.string().max(200).optional(),
  client_uri: optionalUrl,
  logo_uri: optionalUrl,
  scope: z.string().max(2000).optional(),
  contacts: z.array(z.string().max(320)).max(10).optional(),
  tos_uri: optionalUrl,
  policy_uri: optionalUrl,
  software_id: z.string().max(200).optional(),
  software_version: z.string().max(100).optional(),
  application_type: z.string().max(20).optional(),
  jwks: z.unknown().optional(),
  jwks_uri: z.string().max(2048).optional(),
  /** RFC 9449 §5.2: the client promises to always use DPoP; requests without a proof are refused. */
  dpop_bound_access_tokens: z.boolean().optional(),
});

export interface EffectiveRegistration {
  redirectUris: string[];
  tokenEndpointAuthMethod: RegistrationAuthMethod;
  grantTypes: string[];
  responseTypes: string[];
  clientName: string;
  clientUri: string | undefined;
  logoUri: string | undefined;
  scopes: string[];
  softwareId: string | undefined;
  softwareVersion: string | undefined;
  applicationType: "web" | "native";
  contacts: string[];
  /** private_key_jwt (RFC 7591 §2): the client's public keys, or where they are served; never both. */
  jwks: { keys: JWK[] } | null;
  jwksUri: string | null;
  dpopBoundAccessTokens: boolean;
}

function httpsUrlOrUndefined(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    if (new URL(value).protocol === "https:") return value;
  } catch {
    /* falls through */
  }
  throw new OAuthError("invalid_client_metadata", `${field} must be an absolute https URL.`);
}

export function validateRegistration(
  body: unknown,
  serverScopes: readonly string[],
  opts: { allowHttpJwksUri?: boolean } = {},
): EffectiveRegistration {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new OAuthError("invalid_client_metadata", "The request body must be a JSON object.");
  const parsed = RegistrationRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OAuthError(
      "invalid_client_metadata",
      `${issue?.path.join(".") || "metadata"}: ${issue?.message ?? "invalid"}`,
    );
  }
  const m = parsed.data;
  const method = (m.token_endpoint_auth_method ?? "client_secret_basic") as RegistrationAuthMethod;
  if (!(AUTH_METHODS as readonly string[]).includes(method)) {
    throw new OAuthError(
      "invalid_client_metadata",
      `token_endpoint_auth_method must be one of ${AUTH_METHODS.join(", ")}.`,
    );
  }
  const requestedGrants = m.grant_types ?? ["authorization_code"];
  if (requestedGrants.length === 0)
    throw new OAuthError(
      "invalid_client_metadata",
      "grant_types must name at least one grant (authorization_code or client_credentials).",
    );
  for (const g of requestedGrants) {
    if (!["authorization_code", "refresh_token", "client_credentials", JWT_BEARER_GRANT].includes(g))
      throw new OAuthError("invalid_client_metadata", `grant_types: ${g} is not supported.`);
  }
  for (const confidentialOnly of ["client_credentials", JWT_BEARER_GRANT]) {
    if (requestedGrants.includes(confidentialOnly) && method === "none")
      throw new OAuthError(
        "invalid_client_metadata",
        `${confidentialOnly} requires a confidential client (client_secret_basic, client_secret_post or private_key_jwt).`,
      );
  }
  // Keys matter only for private_key_jwt; other clients' jwks (e.g. for encryption) are ignored
  // like any metadata we do not use (REG-07).
  const keyBased = method === "private_key_jwt";
  const keys = checkClientKeys(
    { method, jwks: keyBased ? m.jwks : undefined, jwksUri: keyBased ? m.jwks_uri : undefined },
    { allowHttp: opts.allowHttpJwksUri ?? false },
  );
  if (!keys.ok) throw new OAuthError("invalid_client_metadata", keys.reason);
  const responseTypes = m.response_types ?? ["code"];
  if (responseTypes.some((r) => r !== "code"))
    throw new OAuthError("invalid_client_metadata", "response_types may only contain code.");

  const usesRedirect = requestedGrants.includes("authorization_code");
  const redirectUris = m.redirect_uris ?? [];
  if (usesRedirect && redirectUris.length === 0)
    throw new OAuthError("invalid_redirect_uri", "redirect_uris is required for the authorization-code grant.");
  const seen = new Set<string>();
  for (const uri of redirectUris) {
    const check = checkRedirectUri(uri);
    if (!check.ok) throw new OAuthError("invalid_redirect_uri", `${uri}: ${check.reason}`);
    if (seen.has(uri)) throw new OAuthError("invalid_redirect_uri", `${uri} is listed twice.`);
    seen.add(uri);
  }
  // Refresh tokens go to authorization-code clients: the effective grant types say so.
  const grantTypes = usesRedirect ? [...new Set([...requestedGrants, "refresh_token"])] : requestedGrants;
  const requestedScopes = parseScope(m.scope);
  return {
    redirectUris,
    tokenEndpointAuthMethod: method,
    grantTypes,
    responseTypes: usesRedirect ? ["code"] : [],
    clientName: m.client_name?.trim() || "Unnamed MCP client",
    clientUri: httpsUrlOrUndefined(m.client_uri, "client_uri"),
    logoUri: httpsUrlOrUndefined(m.logo_uri, "logo_uri"),
    scopes: requestedScopes.length === 0 ? [] : requestedScopes.filter((s) => serverScopes.includes(s)),
    softwareId: m.software_id,
    softwareVersion: m.software_version,
    applicationType: m.application_type === "native" ? "native" : "web",
    contacts: m.contacts ?? [],
    jwks: keys.jwks,
    jwksUri: keys.jwksUri,
    dpopBoundAccessTokens: m.dpop_bound_access_tokens ?? false,
  };
}
