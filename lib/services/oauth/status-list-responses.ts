// HTTP answers for Token Status Lists (draft-ietf-oauth-status-list §8, §9.3): the list token with
// Cache-Control matching its ttl and an ETag over its bits, and the aggregation document.
import { jsonNoStore } from "@/lib/oauth/errors";
import { STATUS_LIST_MEDIA_TYPE } from "@/lib/oauth/status-list";
import { systemContext } from "../context";
import { loadOAuthServer } from "./oauth-server";
import { statusListToken, statusListUris } from "./status-lists";

const notFound = (what: string) => jsonNoStore({ error: "not_found", error_description: `Unknown ${what}.` }, 404);

export async function statusListResponse(slug: string, listId: string, ifNoneMatch: string | null): Promise<Response> {
  const ctx = systemContext("oauth:status-list");
  const server = await loadOAuthServer(ctx, slug);
  if (!server) return notFound("MCP server");
  const list = await statusListToken(ctx, server, listId);
  if (!list) return notFound("status list");
  const headers = {
    "Cache-Control": `public, max-age=${list.ttl}`,
    ETag: list.etag,
    "Content-Type": STATUS_LIST_MEDIA_TYPE,
  };
  const tags = ifNoneMatch?.split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (tags?.includes(list.etag) || tags?.includes("*")) return new Response(null, { status: 304, headers });
  return new Response(list.jwt, { status: 200, headers });
}

export async function statusListAggregationResponse(slug: string): Promise<Response> {
  const ctx = systemContext("oauth:status-list");
  const server = await loadOAuthServer(ctx, slug);
  if (!server) return notFound("MCP server");
  return Response.json(
    { status_lists: await statusListUris(ctx, server) },
    { headers: { "Cache-Control": `public, max-age=${server.statusListTtl}` } },
  );
}
