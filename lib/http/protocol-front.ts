// The protocol front: the endpoints MCP clients and resource servers call, answered straight from
// their framework-free handlers on the Node server's own req/res, before Next.js sees the request
// (issue 17). Next.js's request handler costs about 1 ms of CPU per request on this hardware, more
// than issuing a token; a dedicated authorization server pays none of it, and neither do these
// endpoints now. Everything else (dashboard, consent pages, admin API, SCIM, Auth.js) is Next.js's.
//
// This file is the dispatcher (matching, the Web bridge, headers, errors); server/protocol-routes.ts
// binds each path to its endpoint, and server/main.ts mounts the result in front of Next.js's
// handler, in `npm start` and `npm run dev` alike, so each endpoint has one path. What every
// request gets regardless of who answers it stays at the http.Server level (lib/start.ts): the
// front door's client IP and public origin, the edge guard, in-flight tracking for graceful
// shutdown, request metrics.
// Responses carry the same security headers as Next.js's (security-headers.ts); the handlers set
// their own CORS and cache headers, as they did as route handlers.
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/logger";
import { withHttpSpan } from "@/lib/telemetry/http-span";
import { jsonNoStoreResult } from "@/lib/oauth/errors";
import { corsPreflight, withCorsResult } from "@/lib/oauth/metadata";
import type { ProtocolResponse } from "@/lib/oauth/protocol-http";
import { stampRequest } from "./front-door";
import { FAILED, readBody, tooLargeResult, writeResult, type NodeHandler } from "./node-endpoint";
import { SECURITY_HEADERS } from "./security-headers";
import { beforeWriting, nextTurn, type FrontPhases } from "./next-turn";
import { matchProtocolPath, type ProtocolPath } from "./protocol-paths";
import { bodyLimitOf } from "./surface";
import { webRequest, writeWebResponse } from "./web-bridge";

export type Params = Record<string, string>;
/** `body` is given only to a route with `bodyText` (its Request then carries none). */
export type WebHandler = (request: Request, params: Params, body?: string | null) => Promise<Response> | Response;

/** A route's handler: on Node's req/res (the hot endpoints, every method; they answer 405
 * themselves), or on Web Request/Response by method (OPTIONS is the CORS preflight unless given).
 * `bodyText`: the handler takes the (capped) body as text rather than as the Request's stream, which
 * saves building and reading a ReadableStream per request (the demo MCP server parses it once). */
export type RouteHandler =
  { node: NodeHandler } | { web: Partial<Record<"GET" | "POST" | "DELETE" | "OPTIONS", WebHandler>>; bodyText?: true };
type WebRoute = Extract<RouteHandler, { web: unknown }>;
type WebHandlers = WebRoute["web"];

function decodeParams(groups: Record<string, string>): Params {
  const params: Params = {};
  for (const [name, value] of Object.entries(groups)) {
    if (value === undefined) continue;
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      params[name] = value; // a malformed escape: the handler finds no such server
    }
  }
  return params;
}

function pathOf(url: string): string {
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}

export type ServeProtocol = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The front over `handlers`: a function that answers `req` when it is for a protocol endpoint and
 * returns true, or returns false (having touched nothing) for every other request, which the caller
 * hands to Next.js.
 */
export function createProtocolFront(
  handlers: Readonly<Record<ProtocolPath, RouteHandler>>,
  phases?: FrontPhases,
): ServeProtocol {
  return (req, res) => serveProtocol(handlers, req, res, phases);
}

function serveProtocol(
  handlers: Readonly<Record<ProtocolPath, RouteHandler>>,
  req: IncomingMessage,
  res: ServerResponse,
  phases: FrontPhases | undefined,
): boolean {
  const pathname = pathOf(req.url ?? "/");
  const matched = matchProtocolPath(pathname);
  if (!matched) return false;
  // The front door stamped the request when instrumentation installed it; a bare server did not.
  stampRequest(req);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  const handler = handlers[matched.path];
  const params = decodeParams(matched.groups);
  withHttpSpan(req.method ?? "GET", matched.path, res, () => {
    if ("node" in handler) void handler.node(req, res, params.slug ?? "");
    else void serveWeb(handler, params, pathname, req, res, phases);
  });
  return true;
}

async function serveWeb(
  route: WebRoute,
  params: Params,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
  phases: FrontPhases | undefined,
): Promise<void> {
  const method = req.method ?? "GET";
  const handlers = route.web;
  // HEAD is GET without the body, as for Next.js's route handlers.
  const handler = method === "HEAD" ? handlers.GET : handlers[method as keyof typeof handlers];
  try {
    if (!handler) {
      if (method === "OPTIONS") return await writeWebResponse(res, corsPreflight(), {});
      return writeResult(res, methodNotAllowed(method, handlers));
    }
    let body: string | null = null;
    if (method !== "GET" && method !== "HEAD") {
      body = await readBody(req, bodyLimitOf(pathname));
      if (body === null) return writeResult(res, tooLargeResult(bodyLimitOf(pathname)));
    }
    // Read every ready connection first, then handle, then write (next-turn.ts).
    await nextTurn();
    const response = route.bodyText
      ? await handler(webRequest(req, null), params, body)
      : await handler(webRequest(req, body), params);
    await beforeWriting(phases);
    await writeWebResponse(res, response, {}, method === "HEAD");
  } catch (err) {
    // The path only: a misbehaving client may put credentials in the query string.
    logger.error("protocol.front_failed", { path: pathname, err });
    if (!res.headersSent) writeResult(res, FAILED);
    else res.end();
  }
}

function methodNotAllowed(method: string, handlers: WebHandlers): ProtocolResponse {
  const allowed = [...Object.keys(handlers), ...(handlers.GET ? ["HEAD"] : []), "OPTIONS"];
  const allow = [...new Set(allowed)].join(", ");
  return withCorsResult(
    jsonNoStoreResult(
      { error: "invalid_request", error_description: `The method ${method} is not allowed here; use ${allow}.` },
      405,
      { Allow: allow },
    ),
  );
}
