// Where Gatehouse's built-in demo MCP endpoint lives. An MCP server (tenant) is served here only
// when its resource identifier is exactly this URL; any other resource is an external MCP server
// for which Gatehouse is only the authorization server, so /mcp/{slug} and its metadata 404.
import { env } from "@/lib/env";

/** The resource identifier (RFC 8707) of the built-in endpoint for `slug`. */
export function demoResourceUrl(slug: string, gatehouseUrl: string = env().GATEHOUSE_URL): string {
  return `${gatehouseUrl}/mcp/${slug}`;
}

/** Byte-exact, as RFC 9728 §3.3 compares `resource` (no canonicalisation that could hide a mismatch). */
export function isDemoResource(
  server: { slug: string; resource: string },
  gatehouseUrl: string = env().GATEHOUSE_URL,
): boolean {
  return server.resource === demoResourceUrl(server.slug, gatehouseUrl);
}

/** RFC 9728 §3.1 path insertion for `/mcp/{slug}` on Gatehouse's origin. */
export function demoMetadataUrl(slug: string, gatehouseUrl: string = env().GATEHOUSE_URL): string {
  return `${new URL(gatehouseUrl).origin}/.well-known/oauth-protected-resource/mcp/${slug}`;
}
