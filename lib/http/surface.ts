// Which public surface a path belongs to, and how that surface words an error. A refusal made
// before any route runs (edge-guard.ts) must still read like the surface's own errors: RFC 6749
// JSON for the protocol, the docs/api.md envelope for the admin API, SCIM's error for SCIM, and
// plain text for pages and the remaining API routes.
import { ADMIN_BODY_LIMIT, PROTOCOL_BODY_LIMIT } from "./read-body-capped";

export type Surface = "protocol" | "admin-api" | "scim" | "api" | "page";

/** Consent screens are pages (with server actions) inside the /oauth/{slug}/ tree. */
const CONSENT_PAGE = /^\/oauth\/[^/]+\/consent\//;

export function surfaceOf(pathname: string): Surface {
  if (pathname.startsWith("/oauth/")) return CONSENT_PAGE.test(pathname) ? "page" : "protocol";
  if (pathname.startsWith("/.well-known/") || pathname.startsWith("/mcp/")) return "protocol";
  if (pathname === "/api/v1" || pathname.startsWith("/api/v1/")) return "admin-api";
  if (pathname.startsWith("/scim/")) return "scim";
  if (pathname.startsWith("/api/") || pathname.startsWith("/_next/")) return "api";
  return "page";
}

/**
 * The largest body a path accepts. Pages take Next.js's server-action limit (1 MB, whose breach
 * Next.js itself answers with 500); the MCP endpoint takes the transport's 1 MiB.
 */
export function bodyLimitOf(pathname: string, surface: Surface = surfaceOf(pathname)): number {
  if (surface === "admin-api" || surface === "scim" || surface === "page") return ADMIN_BODY_LIMIT;
  if (pathname.startsWith("/mcp/")) return ADMIN_BODY_LIMIT;
  return PROTOCOL_BODY_LIMIT;
}

export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const ADMIN_CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  403: "FORBIDDEN",
  405: "METHOD_NOT_ALLOWED",
  411: "LENGTH_REQUIRED",
  413: "PAYLOAD_TOO_LARGE",
};

/** An error response in the surface's own format. */
export function surfaceError(
  surface: Surface,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): PlainResponse {
  const noStore = { "Cache-Control": "no-store", ...headers };
  switch (surface) {
    case "protocol":
      return {
        status,
        headers: { "Content-Type": "application/json", Pragma: "no-cache", ...noStore },
        body: JSON.stringify({ error: "invalid_request", error_description: message }),
      };
    case "admin-api":
      return {
        status,
        headers: { "Content-Type": "application/json", ...noStore },
        body: JSON.stringify({ error: { code: ADMIN_CODES[status] ?? "BAD_REQUEST", message } }),
      };
    case "scim":
      return {
        status,
        headers: { "Content-Type": "application/scim+json", ...noStore },
        body: JSON.stringify({
          schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
          status: String(status),
          ...(status === 400 ? { scimType: "invalidSyntax" } : {}),
          detail: message,
        }),
      };
    default:
      return { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...noStore }, body: message };
  }
}
