// Runs on every HTTP request the Node server accepts, before Next.js (or a bare node:http server)
// handles it: records who is calling and pins the host to GATEHOUSE_URL (lib/request-meta.ts).
//
// Why a diagnostics channel: App Router route handlers, server actions and Auth.js only see request
// headers, never the socket; proxy.ts (middleware) does not see the socket either, and Next.js
// fills X-Forwarded-For only when the client did not send one. Node publishes
// "http.server.request.start" synchronously for every request, before the server's "request"
// listeners run (so before Next's router), with the request and its socket. Subscribing from
// instrumentation.ts covers `next start`, pages/ and app/ alike, with no custom server and no
// monkey-patching. Requests accepted before instrumentation ran (the first moments after listen)
// carry no stamp: they get no client IP, never a client-chosen one.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { clientIpHeader, publicOrigin, resolveClientIp } from "@/lib/request-meta";

/**
 * Stamps the resolved client address (once per request) and replaces X-Forwarded-Host/-Proto with
 * the public origin's, so Next's server-action Origin check and anything else that reads them
 * compare with GATEHOUSE_URL rather than with a host the client named.
 */
export function stampRequest(req: IncomingMessage): void {
  const name = clientIpHeader();
  if (req.headers[name] !== undefined) return;
  const ip = resolveClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"]);
  if (ip) req.headers[name] = ip;
  const origin = new URL(publicOrigin());
  req.headers["x-forwarded-host"] = origin.host;
  req.headers["x-forwarded-proto"] = origin.protocol.slice(0, -1);
}

/** Subscribes once per process (instrumentation may run more than once in dev). */
export function installFrontDoor(): void {
  const registry = globalThis as unknown as { __gatehouseFrontDoor?: boolean };
  if (registry.__gatehouseFrontDoor) return;
  registry.__gatehouseFrontDoor = true;
  subscribe("http.server.request.start", (message) => stampRequest((message as { request: IncomingMessage }).request));
}
