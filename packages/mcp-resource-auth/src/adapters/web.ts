// Fetch-API servers (Next.js route handlers, Hono, Deno, Bun, the MCP SDK's
// WebStandardStreamableHTTPServerTransport): Request in, Response out for a refusal.
import { toAuthInfo, type McpAuthInfo } from "../mcp.ts";
import { errorBody, type Refusal, type ResourceVerifier, type VerifiedAccess } from "../verifier.ts";

export function refusalResponse(refusal: Refusal): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const [name, value] of refusal.headers) headers.append(name, value);
  return Response.json(errorBody(refusal), { status: refusal.status, headers });
}

export type WebAuthorization =
  { ok: true; access: VerifiedAccess; authInfo: McpAuthInfo } | { ok: false; response: Response };

export async function authorizeRequest(
  verifier: ResourceVerifier,
  request: Request,
  requiredScopes: readonly string[] = [],
): Promise<WebAuthorization> {
  const result = await verifier.authorize(request, requiredScopes);
  if (!result.ok) return { ok: false, response: refusalResponse(result) };
  return { ok: true, access: result.access, authInfo: toAuthInfo(result.access, verifier.resource) };
}

/** RFC 9728 §3: the metadata document, public and CORS-open (clients fetch it before holding a token). */
export function metadataResponse(verifier: ResourceVerifier): Response {
  return Response.json(verifier.metadata(), {
    headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=60" },
  });
}
