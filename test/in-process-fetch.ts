// A fetch() that sends requests to Gatehouse's own route handlers in this process, so real OAuth
// clients (oauth4webapi, the MCP SDK) can run against the real endpoints and a real test database.
import * as metadataRoute from "@/app/.well-known/oauth-authorization-server/oauth/[slug]/route";
import * as authorizeRoute from "@/app/oauth/[slug]/authorize/route";
import * as jwksRoute from "@/app/oauth/[slug]/jwks/route";
import * as registerRoute from "@/app/oauth/[slug]/register/route";
import { NODE_ENDPOINT_PATH, nodeEndpointsOrigin } from "./node-endpoints-server";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "DELETE" | "OPTIONS", unknown>>;

const routes: [RegExp, RouteModule][] = [
  [/^\/\.well-known\/oauth-authorization-server\/oauth\/(?<slug>[^/]+)$/, metadataRoute],
  [/^\/oauth\/(?<slug>[^/]+)\/authorize$/, authorizeRoute],
  [/^\/oauth\/(?<slug>[^/]+)\/jwks$/, jwksRoute],
  [/^\/oauth\/(?<slug>[^/]+)\/register$/, registerRoute],
];

/** Extra routes (e.g. the demo MCP endpoint) can be added by the test that needs them. */
export function addRoute(pattern: RegExp, module: RouteModule): void {
  routes.push([pattern, module]);
}

/** The platform's fetch, kept before any test could replace the global. */
const loopbackFetch = globalThis.fetch;

export async function inProcessFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? new Request(input, init) : new Request(input, init);
  const url = new URL(request.url);
  // Token, introspection and revocation run on Node's req/res in production (Pages Router API
  // routes): they are exercised that way here too, over loopback.
  if (NODE_ENDPOINT_PATH.test(url.pathname)) {
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
