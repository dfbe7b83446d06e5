// RFC 9728 §3: GET /.well-known/oauth-protected-resource/mcp/{slug}, the metadata of the built-in
// demo endpoint. Public, unauthenticated and CORS-open (§3: clients, browser ones included, fetch it
// before they hold any token; MCP clients send an MCP-Protocol-Version header, hence the preflight).
import { env } from "@/lib/env";
import { protectedResourceMetadata } from "@gatehouse/mcp-resource-auth/metadata";
import { systemContext, type ServiceContext } from "@/lib/services/context";
import { loadOAuthServer } from "@/lib/services/oauth/oauth-server";
import { isDemoResource } from "./demo-endpoint";

export interface ProtectedResourceDeps {
  slug: string;
  ctx?: ServiceContext;
  gatehouseUrl?: string;
}

const CORS = { "Access-Control-Allow-Origin": "*" };

export async function handleProtectedResourceMetadataRequest(
  request: Request,
  deps: ProtectedResourceDeps,
): Promise<Response> {
  if (request.method === "OPTIONS") {
    return new Response(null, {
      status: 204,
      headers: {
        ...CORS,
        "Access-Control-Allow-Methods": "GET, OPTIONS",
        // A public document with no credentials: any request header may come along.
        "Access-Control-Allow-Headers": request.headers.get("access-control-request-headers") ?? "MCP-Protocol-Version",
        "Access-Control-Max-Age": "86400",
      },
    });
  }
  const gatehouseUrl = deps.gatehouseUrl ?? env().GATEHOUSE_URL;
  const server = await loadOAuthServer(deps.ctx ?? systemContext("mcp-demo"), deps.slug);
  if (!server || !isDemoResource(server, gatehouseUrl)) {
    return Response.json(
      {
        error: "not_found",
        error_description: "Gatehouse serves protected-resource metadata only for its built-in demo endpoint.",
      },
      { status: 404, headers: { ...CORS, "Cache-Control": "no-store" } },
    );
  }
  const document = protectedResourceMetadata({
    resource: server.resource,
    issuer: server.issuer,
    scopes: server.scopes.map((s) => s.name),
    name: server.name,
  });
  // Short cache: scope edits in the dashboard should reach clients within a minute.
  return Response.json(document, { headers: { ...CORS, "Cache-Control": "public, max-age=60" } });
}
