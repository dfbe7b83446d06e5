import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ProtocolRequest, ProtocolResponse } from "@/lib/oauth/protocol-http";
import { requestMeta } from "@/lib/request-meta";
import type { FrontPhases } from "./next-turn";
import { MAX_BODY_BYTES, nodeEndpoint, type ProtocolEndpoint } from "./node-endpoint";

// A loopback server mounting nodeEndpoint() over an endpoint that echoes what it was given.
let seen: { request: ProtocolRequest; body: string; slug: string } | undefined;
let endpoint: ProtocolEndpoint = async (request, slug) => {
  const body = await request.text();
  seen = { request, body, slug };
  return {
    status: 201,
    headers: { "Content-Type": "application/json", "X-Test": "yes" },
    body: JSON.stringify({ slug, length: body.length }),
  };
};
let origin = "";
let handled: Promise<void> | undefined;
let phases: FrontPhases | undefined;
const server = http.createServer((req, res) => {
  handled = nodeEndpoint((r, s) => endpoint(r, s), phases)(req, res, req.url === "/no-slug" ? "" : "demo");
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("nodeEndpoint: Node's req/res in, the endpoint's ProtocolResponse out", () => {
  it("hands the endpoint the method, headers and the whole body, and writes status, headers and body", async () => {
    const body = `grant_type=client_credentials&x=${"é".repeat(20_000)}`; // several TCP chunks, multi-byte characters
    const res = await fetch(`${origin}/t`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: "Basic abc" },
      body,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-test")).toBe("yes");
    expect(await res.json()).toEqual({ slug: "demo", length: body.length });
    expect(seen?.body).toBe(body);
    expect(seen?.request.method).toBe("POST");
    expect(seen?.request.headers.get("Authorization")).toBe("Basic abc");
    expect(seen?.request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(seen?.request.headers.get("x-missing")).toBeNull();
  });

  it("reports the socket's address as the client IP, whatever X-Forwarded-For claims", async () => {
    await fetch(`${origin}/t`, { method: "POST", body: "a=1", headers: { "X-Forwarded-For": "203.0.113.9" } });
    expect(requestMeta(seen!.request.headers).ip).toBe("127.0.0.1");
  });

  it("answers a CORS preflight itself (META-19) without calling the endpoint", async () => {
    seen = undefined;
    const res = await fetch(`${origin}/t`, { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(seen).toBeUndefined();
  });

  it("refuses a body over the limit with 413 and the OAuth error JSON, unread, without calling the endpoint", async () => {
    seen = undefined;
    const res = await fetch(`${origin}/t`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=" + "x".repeat(MAX_BODY_BYTES),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toMatchObject({ error: "invalid_request" });
    expect(seen).toBeUndefined();
  });

  it("refuses an oversized chunked body (no Content-Length) the same way", async () => {
    const chunk = Buffer.alloc(16 * 1024, "x");
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${origin}/t`,
        { method: "POST", headers: { "Transfer-Encoding": "chunked" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      for (let i = 0; i < 6; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });

  it("answers 404 with the OAuth error JSON when the route gave no MCP server slug", async () => {
    const res = await fetch(`${origin}/no-slug`, { method: "POST", body: "a=1" });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "invalid_request" });
  });

  it("turns an endpoint that throws into 500 server_error JSON (never an HTML page or a hung request)", async () => {
    const previous = endpoint;
    endpoint = () => Promise.reject(new Error("boom"));
    try {
      const res = await fetch(`${origin}/t`, { method: "POST", body: "a=1" });
      expect(res.status).toBe(500);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toMatchObject({ error: "server_error" });
    } finally {
      endpoint = previous;
    }
  });

  it("writes the answer a turn later when the phases say so, and at once when they cannot tell", async () => {
    let asked = 0;
    try {
      phases = { deferWrites: () => (asked++, true) };
      const deferred = await fetch(`${origin}/t`, { method: "POST", body: "a=1" });
      expect(deferred.status).toBe(201);
      // The database could not be opened, say: the endpoint's own answer still goes out.
      phases = {
        deferWrites: () => {
          asked++;
          throw new Error("no database");
        },
      };
      const now = await fetch(`${origin}/t`, { method: "POST", body: "a=1" });
      expect(now.status).toBe(201);
      expect(await now.json()).toEqual({ slug: "demo", length: 3 });
      expect(asked).toBe(2);
    } finally {
      phases = undefined;
    }
  });

  it("settles when the client hangs up mid-body, without calling the endpoint", async () => {
    seen = undefined;
    handled = undefined;
    await new Promise<void>((resolve) => {
      const req = http.request(`${origin}/t`, { method: "POST", headers: { "Content-Length": "1000" } });
      req.on("error", () => resolve());
      req.write("grant_type=client_cre");
      setTimeout(() => req.destroy(), 50);
    });
    while (!handled) await new Promise((r) => setTimeout(r, 5));
    await handled; // settles through the request's "error" (aborted); without it, "end" never comes
    expect(seen).toBeUndefined();
  });

  it("logs the path of a failed request, never its query string (a client may put credentials there)", async () => {
    const previous = endpoint;
    endpoint = () => Promise.reject(new Error("boom"));
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (written.push(String(chunk)), true));
    try {
      await fetch(`${origin}/t?client_secret=ghs_leak`, { method: "POST", body: "a=1" });
    } finally {
      spy.mockRestore();
      endpoint = previous;
    }
    const line = written.find((l) => l.includes("oauth.adapter_failed"));
    expect(line).toContain('"path":"/t"');
    expect(line).not.toContain("ghs_leak");
  });

  it("writes an empty body for a null ProtocolResponse body (revocation's 200)", async () => {
    const previous = endpoint;
    endpoint = async (): Promise<ProtocolResponse> => ({
      status: 200,
      headers: { "Cache-Control": "no-store" },
      body: null,
    });
    try {
      const res = await fetch(`${origin}/t`, { method: "POST", body: "token=x" });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("");
    } finally {
      endpoint = previous;
    }
  });
});
