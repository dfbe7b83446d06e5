// The paths the protocol front answers (protocol-front.ts), by route pattern: the front looks up
// its handler by pattern, and request metrics (lib/metrics/http.ts) label requests with it. Kept
// apart from the handlers so that labelling a request imports none of them.

const SLUG = "(?<slug>[^/]+)";

export const PROTOCOL_PATHS = {
  "/oauth/[slug]/token": new RegExp(`^/oauth/${SLUG}/token$`),
  "/oauth/[slug]/introspect": new RegExp(`^/oauth/${SLUG}/introspect$`),
  "/oauth/[slug]/revoke": new RegExp(`^/oauth/${SLUG}/revoke$`),
  "/oauth/[slug]/register": new RegExp(`^/oauth/${SLUG}/register$`),
  "/oauth/[slug]/jwks": new RegExp(`^/oauth/${SLUG}/jwks$`),
  "/oauth/[slug]/status-lists": new RegExp(`^/oauth/${SLUG}/status-lists$`),
  "/oauth/[slug]/status-lists/[id]": new RegExp(`^/oauth/${SLUG}/status-lists/(?<id>[^/]+)$`),
  // RFC 8414 metadata, and the same document at the OpenID-style locations some MCP clients try
  // (META-02, META-07).
  "/.well-known/oauth-authorization-server/oauth/[slug]": new RegExp(
    `^/\\.well-known/oauth-authorization-server/oauth/${SLUG}$`,
  ),
  "/.well-known/openid-configuration/oauth/[slug]": new RegExp(`^/\\.well-known/openid-configuration/oauth/${SLUG}$`),
  "/oauth/[slug]/.well-known/openid-configuration": new RegExp(`^/oauth/${SLUG}/\\.well-known/openid-configuration$`),
  // RFC 9728 metadata of the demo MCP endpoint, and the endpoint (lib/mcp/demo-server.ts).
  "/.well-known/oauth-protected-resource/mcp/[slug]": new RegExp(
    `^/\\.well-known/oauth-protected-resource/mcp/${SLUG}$`,
  ),
  "/mcp/[slug]": new RegExp(`^/mcp/${SLUG}$`),
} as const;

export type ProtocolPath = keyof typeof PROTOCOL_PATHS;

const ENTRIES = Object.entries(PROTOCOL_PATHS) as [ProtocolPath, RegExp][];

/** The pattern answering `pathname` (no query) with its raw parameters, or null. */
export function matchProtocolPath(pathname: string): { path: ProtocolPath; groups: Record<string, string> } | null {
  // One cheap test keeps every dashboard request (the common case) off the patterns.
  if (!pathname.startsWith("/oauth/") && !pathname.startsWith("/.well-known/") && !pathname.startsWith("/mcp/"))
    return null;
  for (const [path, pattern] of ENTRIES) {
    const match = pattern.exec(pathname);
    if (match) return { path, groups: { ...match.groups } as Record<string, string> };
  }
  return null;
}
