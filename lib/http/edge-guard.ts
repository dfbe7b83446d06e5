// One guard in front of every route, for what no route can answer itself (issue 10, defects 3–5).
// It looks only at the request line and headers, so it costs a few string checks per request, the
// hot token and introspection endpoints included:
//   - a method outside the standard set → 405. TRACE, TRACK and CONNECT cannot even be turned into
//     a Web Request (undici refuses them), so Next.js answered 500 on every App Router route and page;
//   - NUL (%00) anywhere in the path or query → 400: PostgreSQL refuses 0x00 in text, and a slug,
//     id or search term carrying one made the route's query throw (500);
//   - a body whose Content-Length exceeds the surface's cap → 413, and a body without a declared
//     length on a surface whose reader cannot count it (pages, Auth.js) → 411;
//   - a server action (a page POST with Next-Action or a multipart body) from a foreign Origin → 403,
//     with Next.js's own rule (Origin host = X-Forwarded-Host ?? Host), which Next.js reports as 500.
// Every refusal is worded in the surface's format (surface.ts). Bodies themselves are checked by
// their readers (read-body-capped.ts, node-endpoint.ts) and, for server actions, by proxy.ts.
//
// Why at Node's 'request' event: no hook of Next.js sees a TRACE request before it fails (proxy.ts
// builds a Web Request first), and `next start` owns the http.Server. installEdgeGuard() wraps the
// 'request' event of every http.Server in this process; instrumentation.ts installs it before the
// first request is served.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { NUL_MESSAGE, PROTOCOL_BODY_LIMIT } from "./read-body-capped";
import { bodyLimitOf, surfaceError, surfaceOf, type PlainResponse } from "./surface";

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const ALLOWED = new Set<string>(ALLOWED_METHODS);
const ALLOW_HEADER = ALLOWED_METHODS.join(", ");

export interface EdgeRequest {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
}

/** The refusal for a request that must not reach any route, or null to let it through. */
export function edgeRejection(req: EdgeRequest): PlainResponse | null {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const pathname = query < 0 ? url : url.slice(0, query);
  const surface = surfaceOf(pathname);
  const method = req.method ?? "GET";
  const declared = req.headers["content-length"];
  // A refused request's body is never read: Node drains a small one (and keeps the connection);
  // a large or chunked one ends the connection instead.
  const close: Record<string, string> =
    req.headers["transfer-encoding"] !== undefined || Number(declared ?? 0) > PROTOCOL_BODY_LIMIT
      ? { Connection: "close" }
      : {};

  if (!ALLOWED.has(method))
    return surfaceError(surface, 405, `The method ${method} is not allowed.`, { Allow: ALLOW_HEADER, ...close });
  if (url.includes("%00")) return surfaceError(surface, 400, NUL_MESSAGE, close);

  if (declared !== undefined) {
    const limit = bodyLimitOf(pathname, surface);
    if (Number(declared) > limit)
      return surfaceError(surface, 413, `The request body is larger than ${limit} bytes.`, { Connection: "close" });
  } else if (req.headers["transfer-encoding"] !== undefined && (surface === "page" || surface === "api")) {
    return surfaceError(surface, 411, "Send the request body with a Content-Length.", close);
  }

  if (surface === "page" && method === "POST" && isServerActionRequest(req.headers) && !isSameOriginAction(req.headers))
    return surfaceError(surface, 403, "Server actions are accepted only from this site's own pages.", close);
  return null;
}

/** What Next.js treats as a possible server action whose Origin it checks (action-handler). */
function isServerActionRequest(headers: IncomingHttpHeaders): boolean {
  return headers["next-action"] !== undefined || (headers["content-type"] ?? "").startsWith("multipart/form-data");
}

/** Next.js's CSRF rule for server actions: no Origin passes; else its host must be the request's. */
function isSameOriginAction(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = headers["x-forwarded-host"];
  const forwardedHost = (Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(",")[0])?.trim();
  const host = forwardedHost || headers.host;
  return host !== undefined && originHost === host;
}

function writeRejection(res: ServerResponse, rejection: PlainResponse): void {
  res.writeHead(rejection.status, { ...rejection.headers, "Content-Length": Buffer.byteLength(rejection.body) });
  res.end(rejection.body);
}

const INSTALLED = Symbol.for("gatehouse.edgeGuard");

/** Wraps every http.Server's 'request' event with edgeRejection (once per process). */
export function installEdgeGuard(): void {
  const registry = globalThis as { [INSTALLED]?: true };
  if (registry[INSTALLED]) return;
  registry[INSTALLED] = true;
  const proto = http.Server.prototype as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function guardedEmit(this: http.Server, event, ...args) {
    if (event === "request") {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      const rejection = edgeRejection(req);
      if (rejection) {
        writeRejection(res, rejection);
        return true;
      }
    }
    return emit.call(this, event, ...args);
  };
}
