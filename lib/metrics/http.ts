// Requests by route and status, and the protocol endpoints' durations, for every request the Node
// server answers (the protocol front, app/, static files alike), from the same diagnostics channels as
// lib/http/front-door.ts: nothing to add to each route, and the time measured is what the caller
// waited, Next.js's routing included. The label is the route pattern ("/oauth/[slug]/token"), taken
// from Next.js's own routes manifest, never the raw path, whose values a caller chooses.
import { subscribe } from "node:diagnostics_channel";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { matchProtocolPath } from "@/lib/http/protocol-paths";
import { processWide } from "@/lib/process-state";
import { metrics, secondsSince } from "./metrics";

/** The parts of .next/routes-manifest.json read here. */
export interface RoutesManifest {
  staticRoutes?: { page: string }[];
  dynamicRoutes?: { page: string; regex: string }[];
}

/** Next's own assets, outside the manifest's routes. */
const PUBLIC_ROUTES: [RegExp, string][] = [
  [/^\/_next\/static\//, "/_next/static"],
  [/^\/_next\/image/, "/_next/image"],
];

/** The protocol endpoints whose durations are recorded, by route pattern. */
const PROTOCOL_ENDPOINTS = new Map([
  ["/oauth/[slug]/token", "token"],
  ["/oauth/[slug]/introspect", "introspect"],
  ["/oauth/[slug]/revoke", "revoke"],
  ["/oauth/[slug]/register", "register"],
  ["/oauth/[slug]/authorize", "authorize"],
  ["/oauth/[slug]/jwks", "jwks"],
  ["/oauth/[slug]/status-lists", "status_list"],
  ["/oauth/[slug]/status-lists/[id]", "status_list"],
  ["/.well-known/oauth-authorization-server/oauth/[slug]", "metadata"],
  ["/.well-known/openid-configuration/oauth/[slug]", "metadata"],
  ["/oauth/[slug]/.well-known/openid-configuration", "metadata"],
  ["/.well-known/oauth-protected-resource/mcp/[slug]", "metadata"],
  ["/mcp/[slug]", "mcp"],
]);

/** What no route answers (a 404), or every path when the manifest could not be read. */
export const UNMATCHED = "unmatched";

/** A function from a request path (no query) to its route pattern. */
export function routeClassifier(manifest: RoutesManifest): (pathname: string) => string {
  const statics = new Set((manifest.staticRoutes ?? []).map((r) => r.page));
  const dynamics = (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));
  return (pathname) => {
    // The protocol front's endpoints (lib/http/protocol-front.ts) never reach Next.js's router.
    const protocol = matchProtocolPath(pathname);
    if (protocol) return protocol.path;
    for (const [regex, route] of PUBLIC_ROUTES) if (regex.test(pathname)) return route;
    const trimmed = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
    if (statics.has(trimmed)) return trimmed;
    // In Next.js's own order: more specific routes first.
    for (const { page, regex } of dynamics) if (regex.test(pathname)) return page;
    return UNMATCHED;
  };
}

function readManifest(): RoutesManifest {
  try {
    const file = path.join(process.cwd(), ".next", "routes-manifest.json");
    return JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8")) as RoutesManifest;
  } catch {
    return {};
  }
}

/** Where a response's route and start time wait for its end. */
const STARTED = Symbol.for("gatehouse.metrics.started");
type Tracked = ServerResponse & { [STARTED]?: { route: string; at: number } };

interface Message {
  request: IncomingMessage;
  response: Tracked;
}

function pathOf(url: string | undefined): string {
  const u = url ?? "/";
  const q = u.indexOf("?");
  return q === -1 ? u : u.slice(0, q);
}

/** Subscribes once per process (instrumentation may run more than once in dev). */
export function installHttpMetrics(): void {
  const state = processWide("metrics.httpInstalled", () => ({ installed: false }));
  if (state.installed) return;
  state.installed = true;
  const classify = routeClassifier(readManifest());
  // Published before Next.js sees the request (it may rewrite request.url on its way).
  subscribe("http.server.request.start", (message) => {
    const { request, response } = message as Message;
    response[STARTED] = { route: classify(pathOf(request.url)), at: performance.now() };
  });
  subscribe("http.server.response.finish", (message) => {
    const { response } = message as Message;
    const started = response[STARTED];
    if (!started) return;
    metrics.httpRequests.inc({ route: started.route, status: response.statusCode });
    const endpoint = PROTOCOL_ENDPOINTS.get(started.route);
    if (endpoint) metrics.protocolDuration.observe({ endpoint }, secondsSince(started.at));
  });
}
