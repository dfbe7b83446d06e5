// The hot protocol endpoints as production serves them: the Pages Router handler modules (Node
// req/res through lib/http/node-endpoint.ts) on a loopback node:http server, started once per test
// worker. In production Next.js routes /oauth/{slug}/… here and fills req.query; this does the same.
import http from "node:http";
import type { AddressInfo } from "node:net";
import introspect from "@/pages/api/oauth/[slug]/introspect";
import revoke from "@/pages/api/oauth/[slug]/revoke";
import token from "@/pages/api/oauth/[slug]/token";
import type { NodeRequest } from "@/lib/http/node-endpoint";

const HANDLERS = { token, introspect, revoke } as const;
export const NODE_ENDPOINT_PATH = /^\/oauth\/(?<slug>[^/]+)\/(?<endpoint>token|introspect|revoke)$/;

let origin: Promise<string> | undefined;

/** The loopback origin serving the endpoints (started on first use, closed with the worker). */
export function nodeEndpointsOrigin(): Promise<string> {
  origin ??= new Promise((resolve, reject) => {
    const server = http.createServer((req: NodeRequest, res) => {
      const match = NODE_ENDPOINT_PATH.exec(new URL(req.url ?? "/", "http://x").pathname);
      if (!match?.groups) return void res.writeHead(404).end();
      req.query = { slug: match.groups.slug };
      void HANDLERS[match.groups.endpoint as keyof typeof HANDLERS](req, res);
    });
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.unref();
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
  return origin;
}
