// The same RFC 8414 document, at the OpenID-style locations some MCP clients try (META-02, META-07).
export { GET, OPTIONS } from "@/app/.well-known/oauth-authorization-server/oauth/[slug]/route";
