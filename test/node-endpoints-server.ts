// The protocol endpoints as production serves them: the protocol front (lib/http/protocol-front.ts,
// what server/main.ts mounts before Next.js) on a loopback node:http server, started once per test
// worker. Requests the front does not answer get a 404 here (Next.js's part is not running).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serveProtocol } from "@/server/protocol-routes";
import { matchProtocolPath } from "@/lib/http/protocol-paths";

/** True for a path the protocol front answers. */
export function isProtocolPath(pathname: string): boolean {
  return matchProtocolPath(pathname) !== null;
}

let origin: Promise<string> | undefined;

/** The loopback origin serving the endpoints (started on first use, closed with the worker). */
export function nodeEndpointsOrigin(): Promise<string> {
  origin ??= new Promise((resolve, reject) => {
    const server = http.createServer((req, res) => {
      if (!serveProtocol(req, res)) res.writeHead(404).end();
    });
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.unref();
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
  return origin;
}
