import { authorizationServerMetadata } from "@/lib/oauth/metadata";
import { jsonNoStore } from "@/lib/oauth/errors";
import { systemContext } from "../context";
import { loadOAuthServer } from "./oauth-server";
import { publishedJwks } from "./signing-keys";

export async function metadataResponse(slug: string): Promise<Response> {
  const server = await loadOAuthServer(systemContext("oauth:metadata"), slug);
  if (!server) return jsonNoStore({ error: "not_found", error_description: "Unknown MCP server." }, 404);
  const doc = authorizationServerMetadata({
    issuer: server.issuer,
    scopes: server.scopes.map((s) => s.name),
    dcrEnabled: server.dcrEnabled,
    cimdEnabled: server.cimd.enabled,
  });
  return Response.json(doc, { headers: { "Cache-Control": "public, max-age=60" } });
}

export async function jwksResponse(slug: string): Promise<Response> {
  const ctx = systemContext("oauth:jwks");
  if (!(await loadOAuthServer(ctx, slug))) return jsonNoStore({ error: "not_found" }, 404);
  return Response.json(await publishedJwks(ctx), {
    headers: { "Cache-Control": "public, max-age=300", "Content-Type": "application/jwk-set+json" },
  });
}
