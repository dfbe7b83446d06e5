// A fetch() that sends requests to Gatehouse's own endpoints in this process, so real OAuth
// clients (oauth4webapi, the MCP SDK) can run against the real endpoints and a real test database.
// The protocol endpoints run on Node's req/res in production (the protocol front): they are
// exercised that way here too, over loopback. The rest (authorize) is called as a route handler.
import * as authorizeRoute from "@/app/oauth/[slug]/authorize/route";
import { isProtocolPath, nodeEndpointsOrigin } from "./node-endpoints-server";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "DELETE" | "OPTIONS", unknown>>;

const routes: [RegExp, RouteModule][] = [[/^\/oauth\/(?<slug>[^/]+)\/authorize$/, authorizeRoute]];

/** The platform's fetch, kept before any test could replace the global. */
const loopbackFetch = globalThis.fetch;

export async function inProcessFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? new Request(input, init) : new Request(input, init);
  const url = new URL(request.url);
  if (isProtocolPath(url.pathname)) {
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    return loopbackFetch(`${await nodeEndpointsOrigin()}${url.pathname}${url.search}`, {
      method: request.method,
      headers: request.headers,
      body,
      redirect: "manual",
    });
  }
  for (const [pattern, module] of routes) {
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    const handler = module[request.method as keyof RouteModule] as Handler | undefined;
    if (!handler) return new Response(null, { status: 405 });
    return handler(request, { params: Promise.resolve({ ...match.groups }) });
  }
  return new Response("not found in the in-process router", { status: 404 });
}
