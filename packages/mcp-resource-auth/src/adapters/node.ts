// Plain Node `http` servers (and the MCP SDK's StreamableHTTPServerTransport, which reads `req.auth`).
import type { IncomingMessage, ServerResponse } from "node:http";
import { toAuthInfo, type McpAuthInfo } from "../mcp.ts";
import { errorBody, type Refusal, type RequestLike, type ResourceVerifier, type VerifiedAccess } from "../verifier.ts";

export function nodeRequest(req: IncomingMessage): RequestLike {
  return {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    headers: {
      get: (name) => {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    },
  };
}

export function sendRefusal(res: ServerResponse, refusal: Refusal): void {
  res.statusCode = refusal.status;
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Type", "application/json");
  const grouped = new Map<string, string[]>();
  for (const [name, value] of refusal.headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  for (const [name, values] of grouped) res.setHeader(name, values.length === 1 ? values[0]! : values);
  res.end(JSON.stringify(errorBody(refusal)));
}

/**
 * Authorizes a Node request. On success returns the access and sets `req.auth` (the SDK's AuthInfo,
 * which its Node transport passes to tool handlers); on refusal writes the challenge and returns undefined.
 */
export async function authorizeNode(
  verifier: ResourceVerifier,
  req: IncomingMessage & { auth?: McpAuthInfo },
  res: ServerResponse,
  requiredScopes: readonly string[] = [],
): Promise<VerifiedAccess | undefined> {
  const result = await verifier.authorize(nodeRequest(req), requiredScopes);
  if (!result.ok) {
    sendRefusal(res, result);
    return undefined;
  }
  req.auth = toAuthInfo(result.access, verifier.resource);
  return result.access;
}

/** Serves the RFC 9728 metadata document; true when `req` asked for it. */
export function serveMetadata(verifier: ResourceVerifier, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" || new URL(req.url ?? "/", verifier.metadataUrl).href !== verifier.metadataUrl) return false;
  res.writeHead(200, {
    "Content-Type": "application/json",
    "Access-Control-Allow-Origin": "*",
    "Cache-Control": "public, max-age=60",
  });
  res.end(JSON.stringify(verifier.metadata()));
  return true;
}
