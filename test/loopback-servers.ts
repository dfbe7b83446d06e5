// Listeners for network tests, on loopback only: an HTTPS fixture that logs what it was asked, and
// a canary that counts every connection it ever receives (the SSRF tests assert it stays at 0).
import https from "node:https";
import net from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TestPki } from "./tls";

export interface HttpsFixture {
  port: number;
  origin: string;
  requests: { path: string; accept: string | undefined; host: string | undefined }[];
  close(): Promise<void>;
}

export async function startHttpsFixture(
  pki: TestPki,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<HttpsFixture> {
  const requests: HttpsFixture["requests"] = [];
  const server = https.createServer({ cert: pki.cert, key: pki.key }, (req, res) => {
    requests.push({ path: req.url ?? "", accept: req.headers.accept, host: req.headers.host });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    origin: `https://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Canary {
  port: number;
  /** Connections received on 127.0.0.1 and [::1] (same port on both). */
  readonly hits: number;
  close(): Promise<void>;
}

function listen(server: net.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host, port, ipv6Only: host === "::1" }, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** A TCP listener on 127.0.0.1 and, where the machine has it, on [::1] with the same port. */
export async function startCanary(): Promise<Canary> {
  let hits = 0;
  const onConnection = (socket: net.Socket) => {
    hits += 1;
    socket.destroy();
  };
  for (let attempt = 0; attempt < 10; attempt++) {
    const v4 = net.createServer(onConnection);
    await listen(v4, "127.0.0.1", 0);
    const port = (v4.address() as net.AddressInfo).port;
    const v6 = net.createServer(onConnection);
    try {
      await listen(v6, "::1", port);
    } catch (err) {
      v4.close();
      if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") continue;
      throw err;
    }
    return {
      port,
      get hits() {
        return hits;
      },
      close: async () => {
        await Promise.all([new Promise((r) => v4.close(r)), new Promise((r) => v6.close(r))]);
      },
    };
  }
  throw new Error("Could not bind a canary port on both 127.0.0.1 and [::1].");
}
