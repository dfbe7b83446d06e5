import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { requestMeta } from "@/lib/request-meta";
import { installFrontDoor } from "./front-door";

// A plain node:http server, as `next start` runs one: the front door must stamp requests before
// the server's own "request" listener sees them.
let seen: http.IncomingHttpHeaders = {};
const server = http.createServer((req, res) => {
  seen = { ...req.headers };
  res.end();
});
let port = 0;

beforeAll(async () => {
  process.env.GATEHOUSE_URL = "https://auth.example.com";
  resetEnvCache();
  installFrontDoor();
  installFrontDoor(); // idempotent
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  delete process.env.GATEHOUSE_URL;
  delete process.env.GATEHOUSE_TRUSTED_PROXIES;
  resetEnvCache();
  await new Promise<void>((r) => server.close(() => r()));
});

/** A request from a chosen loopback address (all of 127.0.0.0/8 is this machine on Linux). */
function from(localAddress: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, localAddress, headers }, (res) => res.resume().once("end", resolve))
      .once("error", reject);
  });
}

const headersOf = () => ({ get: (name: string) => (seen[name] as string | undefined) ?? null });

describe("front door", () => {
  it("stamps the socket's address, not what X-Forwarded-For claims, and pins the host to GATEHOUSE_URL", async () => {
    await from("127.0.0.7", {
      "x-forwarded-for": "6.6.6.6",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "http",
      host: "evil.example",
    });
    expect(requestMeta(headersOf()).ip).toBe("127.0.0.7");
    expect(seen["x-forwarded-host"]).toBe("auth.example.com");
    expect(seen["x-forwarded-proto"]).toBe("https");
  });

  it("with GATEHOUSE_TRUSTED_PROXIES=1 takes the rightmost X-Forwarded-For entry (what our proxy appended)", async () => {
    process.env.GATEHOUSE_TRUSTED_PROXIES = "1";
    resetEnvCache();
    await from("127.0.0.8", { "x-forwarded-for": "6.6.6.6, 198.51.100.23" });
    expect(requestMeta(headersOf()).ip).toBe("198.51.100.23");
  });
});
