// The Gatehouse server process (`npm start`, `npm run dev`): one node:http server on which the
// protocol front (lib/http/protocol-front.ts) answers the OAuth and MCP endpoints itself and hands
// every other request to Next.js's request handler, a custom server in Next.js's documented sense
// (https://nextjs.org/docs/app/guides/custom-server). Compiled by `npm run build` to
// dist/server.mjs (scripts/build-server.mjs); `npm run dev` runs this file through tsx.
//
// Usage: node dist/server.mjs [--dev] [-p PORT] [-H HOSTNAME]   (PORT and HOSTNAME also from the
// environment; 3000 and all interfaces by default, as `next start`).
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
  },
});
const dev = values.dev ?? false;
// Before Next.js (or any module reading it) is loaded, as `next start` / `next dev` do.
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME;
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<void> {
  const { default: next } = await import("next");
  const app = next({ dev, dir, port, hostname: hostname ?? "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Next.js ran instrumentation.ts while preparing (production); in dev it compiles it on the
  // first request, so the front would answer before boot: start here, once per process.
  const { startGatehouse } = await import("@/lib/start");
  await startGatehouse();
  const { serveProtocol } = await import("./protocol-routes");
  const server = http.createServer((req, res) => {
    if (!serveProtocol(req, res)) void handle(req, res);
  });
  server.on("upgrade", (req, socket, head) => void app.getUpgradeHandler()(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  const shown = hostname ?? "localhost";
  console.log(`  ▲ Gatehouse ${dev ? "(dev) " : ""}ready on http://${shown}:${port}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
