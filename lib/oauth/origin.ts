// Origin validation for the MCP Streamable HTTP transport (MCP transports, "Security Warning":
// servers MUST validate Origin to stop DNS rebinding). A browser sends Origin on cross-origin
// requests (RFC 6454 §7, Fetch); non-browser clients usually send none, and those are not the
// attack, so only a present-but-unknown Origin is refused.
import { isLoopbackHost } from "./loopback";

/**
 * Is this Origin header value allowed? It must be a serialised origin (RFC 6454 §6.1: scheme, host,
 * optional port, nothing else) equal to one of `allowed`, or a loopback origin on any port
 * (RFC 8252 §8.3 hosts): MCP Inspector and local dev tools run on http://localhost:<random port>,
 * and a page served from the user's own machine is not a rebinding attacker's page. The opaque
 * origin "null" (sandboxed frames, file: URLs) never matches.
 */
export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // Reject anything that is not already in serialised form (a path, userinfo, trailing slash…).
  if (url.origin === "null" || url.origin !== origin.toLowerCase()) return false;
  if ((url.protocol === "http:" || url.protocol === "https:") && isLoopbackHost(url.hostname)) return true;
  return allowed.some((a) => {
    try {
      return new URL(a).origin === url.origin;
    } catch {
      return false;
    }
  });
}
