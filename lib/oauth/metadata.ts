// RFC 8414 authorization server metadata (checklist §2). `issuer` is byte-identical to the issuer
// (META-03); only what is implemented is listed, and empty arrays are omitted (META-15).
import { ID_JAG_PROFILE, JWT_BEARER_GRANT } from "./id-jag";
import { CLIENT_ASSERTION_ALGS } from "./client-assertion";
import { DPOP_SIGNING_ALGS } from "@gatehouse/mcp-resource-auth/dpop";
import type { ProtocolResponse } from "./protocol-http";

export interface MetadataInput {
  issuer: string;
  scopes: string[];
  dcrEnabled: boolean;
  cimdEnabled?: boolean;
}

export function authorizationServerMetadata(s: MetadataInput): Record<string, unknown> {
  const authMethods = ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"];
  const assertionAlgs = [...CLIENT_ASSERTION_ALGS];
  const doc: Record<string, unknown> = {
    issuer: s.issuer,
    authorization_endpoint: `${s.issuer}/authorize`,
    token_endpoint: `${s.issuer}/token`,
    jwks_uri: `${s.issuer}/jwks`,
    ...(s.dcrEnabled ? { registration_endpoint: `${s.issuer}/register` } : {}),
    ...(s.scopes.length > 0 ? { scopes_supported: s.scopes } : {}),
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token", "client_credentials", JWT_BEARER_GRANT],
    // MCP Enterprise-Managed Authorization: ID-JAG assertions from an IdP the server trusts.
    authorization_grant_profiles_supported: [ID_JAG_PROFILE],
    token_endpoint_auth_methods_supported: authMethods,
    token_endpoint_auth_signing_alg_values_supported: assertionAlgs,
    code_challenge_methods_supported: ["S256"],
    revocation_endpoint: `${s.issuer}/revoke`,
    revocation_endpoint_auth_methods_supported: authMethods,
    revocation_endpoint_auth_signing_alg_values_supported: assertionAlgs,
    introspection_endpoint: `${s.issuer}/introspect`,
    introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "private_key_jwt"],
    introspection_endpoint_auth_signing_alg_values_supported: assertionAlgs,
    authorization_response_iss_parameter_supported: true,
    // draft-ietf-oauth-status-list §9.3: every access token names a bit in one of these lists.
    status_list_aggregation_endpoint: `${s.issuer}/status-lists`,
    // RFC 9449 §5.1: the token endpoint accepts DPoP proofs signed with these.
    dpop_signing_alg_values_supported: [...DPOP_SIGNING_ALGS],
    ...(s.cimdEnabled ? { client_id_metadata_document_supported: true } : {}),
  };
  return doc;
}

/** CORS for the endpoints browser-based clients call (META-19); never for /authorize. */
export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type, MCP-Protocol-Version, DPoP",
  // RFC 9449 §8: browser clients must be able to read the server's nonce.
  "Access-Control-Expose-Headers": "DPoP-Nonce, WWW-Authenticate",
  "Access-Control-Max-Age": "600",
} as const;

export function withCorsResult(result: ProtocolResponse): ProtocolResponse {
  return { ...result, headers: { ...result.headers, ...CORS_HEADERS } };
}

export function corsPreflightResult(): ProtocolResponse {
  return { status: 204, headers: { ...CORS_HEADERS }, body: null };
}

export function withCors(response: Response): Response {
  for (const [k, v] of Object.entries(CORS_HEADERS)) response.headers.set(k, v);
  return response;
}

export function corsPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}
