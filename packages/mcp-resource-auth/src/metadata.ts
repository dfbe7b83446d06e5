// RFC 9728 §2 / §3.2: the OAuth 2.0 Protected Resource Metadata document, as the MCP
// authorization spec profiles it: `resource` byte-exact (§3.3), `authorization_servers` naming
// exactly the AS issuer, zero-element arrays omitted, no offline_access in scopes_supported.

export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  scopes_supported?: string[];
  bearer_methods_supported: ["header"];
  resource_name?: string;
}

/**
 * offline_access asks the AS for a refresh token; it is not a permission on the resource, so MCP
 * ("Refresh Tokens", "Scope Selection") says resources must not advertise it.
 */
const NOT_A_RESOURCE_SCOPE = "offline_access";

/** Scopes a resource should advertise or ask for: in order, without duplicates or offline_access. */
export function resourceScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes.filter((s) => s !== "" && s !== NOT_A_RESOURCE_SCOPE))];
}

export function protectedResourceMetadata(input: {
  /** The resource identifier exactly as clients use it (the MCP endpoint URL); never re-serialised. */
  resource: string;
  issuer: string;
  scopes: readonly string[];
  name?: string;
}): ProtectedResourceMetadata {
  const scopes = resourceScopes(input.scopes);
  return {
    resource: input.resource,
    authorization_servers: [input.issuer],
    // RFC 9728 §3.2: "Claims with zero elements MUST be omitted from the response."
    ...(scopes.length > 0 ? { scopes_supported: scopes } : {}),
    // OAuth 2.1 §5.1: tokens only in the Authorization header (never the query or a form body).
    bearer_methods_supported: ["header"],
    ...(input.name ? { resource_name: input.name } : {}),
  };
}

/**
 * RFC 9728 §3.1: the metadata URL inserts `/.well-known/oauth-protected-resource` between the
 * resource's origin and its path (a query is kept; a trailing "/" of a bare origin is not).
 */
export function protectedResourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname === "/" ? "" : url.pathname;
  return `${url.origin}/.well-known/oauth-protected-resource${path}${url.search}`;
}
