// A fetch() that sends requests to Gatehouse's own route handlers in this process, so real OAuth
// clients (oauth4webapi, the MCP SDK) can run against the real endpoints and a real test database.
import * as metadataRoute from "@/app/.well-known/oauth-authorization-server/oauth/[slug]/route";
import * as authorizeRoute from "@/app/oauth/[slug]/authorize/route";
import * as introspectRoute from "@/app/oauth/[slug]/introspect/route";
import * as jwksRoute from "@/app/oauth/[slug]/jwks/route";
import * as registerRoute from "@/app/oauth/[slug]/register/route";
import * as revokeRoute from "@/app/oauth/[slug]/revoke/route";
import * as tokenRoute from "@/app/oauth/[slug]/token/route";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "DELETE" | "OPTIONS", unknown>>;

const routes: [RegExp, RouteModule][] = [
  [/^\/\.well-known\/oauth-authorization-server\/oauth\/(?<slug>[^/]+)$/, metadataRoute],
  [/^\/oauth\/(?<slug>[^/]+)\/authorize$/, authorizeRoute],
  [/^\/oauth\/(?<slug>[^/]+)\/token$/, tokenRoute],
  [/^\/oauth\/(?<slug>[^/]+)\/revoke$/, revokeRoute],
  [/^\/oauth\/(?<slug>[^/]+)\/introspect$/, introspectRoute],
  [/^\/oauth\/(?<slug>[^/]+)\/jwks$/, jwksRoute],
  [/^\/oauth\/(?<slug>[^/]+)\/register$/, registerRoute],
];

/** Extra routes (e.g. the demo MCP endpoint) can be added by the test that needs them. */
export function addRoute(pattern: RegExp, module: RouteModule): void {
  routes.push([pattern, module]);
}

export async function inProcessFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? new Request(input, init) : new Request(input, init);
  const url = new URL(request.url);
  for (const [pattern, module] of routes) {
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    const handler = module[request.method as keyof RouteModule] as Handler | undefined;
    if (!handler) return new Response(null, { status: 405 });
    return handler(request, { params: Promise.resolve({ ...match.groups }) });
  }
  return new Response("not found in the in-process router", { status: 404 });
}
