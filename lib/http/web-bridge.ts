// Node's req/res ↔ a Web Request/Response, for the protocol endpoints whose handlers speak the Web
// API (registration, metadata, JWKS, status lists, the demo MCP server). The protocol front
// (protocol-front.ts) calls them through this instead of through Next.js's App Router, which does
// the same conversion plus its routing, rendering context and response cache on every request.
// The hottest endpoints (token, introspection, revocation) skip even this (node-endpoint.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { publicOrigin } from "@/lib/request-meta";

/**
 * A Web Request for `req`, with `body` already read (capped by the caller). The URL's origin is
 * the public one, as Next.js gives route handlers (the front door pins X-Forwarded-Host to it).
 */
export function webRequest(req: IncomingMessage, body: string | null): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const hasBody = body !== null && method !== "GET" && method !== "HEAD";
  return new Request(new URL(req.url ?? "/", publicOrigin()), {
    method,
    headers,
    body: hasBody ? body : undefined,
  });
}

/**
 * Writes `response` to `res`: status, headers (`extra` first, the route's own win), then the body:
 * a JSON document whole with its Content-Length, an event stream (the MCP endpoint may answer
 * with one) chunk by chunk. A client that hangs up stops the stream.
 */
export async function writeWebResponse(
  res: ServerResponse,
  response: Response,
  extra: Readonly<Record<string, string>>,
  omitBody = false,
): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  if (cookies.length > 0) res.setHeader("Set-Cookie", cookies);
  if (!response.body || omitBody) {
    await response.body?.cancel();
    res.end();
    return;
  }
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    const body = Buffer.from(await response.arrayBuffer());
    res.setHeader("Content-Length", body.length);
    res.end(body);
    return;
  }
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  res.once("close", stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((resolve) => res.once("drain", resolve));
    }
  } catch {
    // The client went away (cancel above) or the stream failed: nothing more can be sent.
  } finally {
    res.off("close", stop);
    res.end();
  }
}
