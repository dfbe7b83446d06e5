// A protocol endpoint's handlers in the shape of a Next.js route module ({ GET, POST, … } taking a
// Request and { params }), for tests that call an endpoint directly in this process. The handlers
// are the protocol front's own (server/protocol-routes.ts); the Node ↔ Web conversion around them
// is tested through the front (server/protocol-routes.test.ts, test/process).
import { PROTOCOL_HANDLERS } from "@/server/protocol-routes";
import type { ProtocolPath } from "@/lib/http/protocol-paths";
import { corsPreflight } from "@/lib/oauth/metadata";

type Context = { params: Promise<Record<string, string>> };
type RouteFn = (request: Request, context: Context) => Promise<Response>;
type Method = "GET" | "POST" | "DELETE" | "OPTIONS";

export function protocolRoute(path: ProtocolPath): Record<Method, RouteFn> {
  const handler = PROTOCOL_HANDLERS[path];
  if (!("web" in handler)) throw new Error(`${path} runs on Node's req/res: call it through the front over loopback`);
  const route = (method: Method): RouteFn => {
    const web = handler.web[method];
    if (web) return async (request, { params }) => web(request, await params);
    if (method === "OPTIONS") return async () => corsPreflight();
    return async () => new Response(null, { status: 405 });
  };
  return { GET: route("GET"), POST: route("POST"), DELETE: route("DELETE"), OPTIONS: route("OPTIONS") };
}
