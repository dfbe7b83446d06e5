// Draining a real node:http server (what `next start` runs) through the diagnostics channel: a
// request in flight is answered (with Connection: close), one that outlasts the timeout is cut off,
// and no new connection is accepted.
import { createServer, request, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { drainRequests, inFlightCount, installInFlightTracking } from "./in-flight";

function get(port: number, path: string): Promise<IncomingMessage & { body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve(Object.assign(res, { body })));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

it("answers the requests in flight, cuts off what outlasts the timeout, and accepts nothing new", async () => {
  installInFlightTracking();
  const server = createServer((req, res) => {
    if (req.url === "/slow") setTimeout(() => res.end("done"), 300);
    // "/hang" never answers.
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const slow = get(port, "/slow");
  const hang = get(port, "/hang").then(
    () => "answered",
    (err: NodeJS.ErrnoException) => err.code,
  );
  while (inFlightCount() < 2) await new Promise((r) => setTimeout(r, 10));

  const started = Date.now();
  const cutOff = await drainRequests(1_000);
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  expect(cutOff).toBe(1);
  const answered = await slow;
  expect(answered.statusCode).toBe(200);
  expect(answered.body).toBe("done");
  expect(answered.headers.connection).toBe("close");
  expect(await hang).toBe("ECONNRESET");
  await expect(get(port, "/slow")).rejects.toMatchObject({ code: "ECONNREFUSED" });
});
