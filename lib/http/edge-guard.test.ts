// The edge guard's decisions (issue 10, defects 3–5): each refusal in its surface's format. The
// same guard runs in front of `next start` in test/fuzz/edge.test.ts.
import { describe, expect, it } from "vitest";
import { edgeRejection, type EdgeRequest } from "./edge-guard";

const req = (method: string, url: string, headers: EdgeRequest["headers"] = {}): EdgeRequest => ({
  method,
  url,
  headers: { host: "localhost:3000", ...headers },
});
const json = (r: ReturnType<typeof edgeRejection>) => JSON.parse(r!.body) as Record<string, unknown>;

describe("edgeRejection", () => {
  it("lets ordinary requests through", () => {
    for (const [method, url] of [
      ["GET", "/"],
      ["POST", "/oauth/demo/token"],
      ["OPTIONS", "/oauth/demo/register"],
      ["DELETE", "/api/v1/servers/demo/clients/x"],
      ["GET", "/api/v1/audit?q=%2500"],
    ])
      expect(edgeRejection(req(method!, url!)), `${method} ${url}`).toBeNull();
  });

  it("answers TRACE, TRACK and unknown methods with 405 and Allow, in each surface's format", () => {
    const protocol = edgeRejection(req("TRACE", "/oauth/demo/jwks"))!;
    expect(protocol.status).toBe(405);
    expect(protocol.headers.Allow).toContain("GET");
    expect(json(protocol).error).toBe("invalid_request");
    const admin = edgeRejection(req("TRACK", "/api/v1/servers"))!;
    expect(json(admin)).toEqual({ error: { code: "METHOD_NOT_ALLOWED", message: "The method TRACK is not allowed." } });
    const page = edgeRejection(req("PROPFIND", "/servers"))!;
    expect([page.status, page.headers["Content-Type"]]).toEqual([405, "text/plain; charset=utf-8"]);
    expect(json(edgeRejection(req("TRACE", "/scim/v2/Users"))).schemas).toEqual([
      "urn:ietf:params:scim:api:messages:2.0:Error",
    ]);
  });

  it("answers %00 in a path segment or the query with 400 in each surface's format", () => {
    for (const url of ["/oauth/%00/jwks", "/mcp/%00", "/.well-known/oauth-authorization-server/oauth/a%00"]) {
      const r = edgeRejection(req("GET", url))!;
      expect([r.status, json(r).error], url).toEqual([400, "invalid_request"]);
    }
    expect(json(edgeRejection(req("GET", "/api/v1/servers/%00/clients")))).toMatchObject({
      error: { code: "BAD_REQUEST" },
    });
    expect(json(edgeRejection(req("GET", "/api/v1/servers/demo/clients?q=a%00")))).toMatchObject({
      error: { code: "BAD_REQUEST" },
    });
    expect(edgeRejection(req("POST", "/oauth/demo/token?x=%00"))!.status).toBe(400);
    expect(edgeRejection(req("GET", "/sign-in?callbackUrl=%00"))!.status).toBe(400);
    expect(edgeRejection(req("GET", "/api/auth/session?x=%00"))!.status).toBe(400);
  });

  it("answers a declared body over the surface's cap with 413, and an undeclared one on pages with 411", () => {
    const big = (n: number) => ({ "content-length": String(n) });
    expect(edgeRejection(req("POST", "/oauth/demo/register", big(65_537)))!.status).toBe(413);
    expect(edgeRejection(req("POST", "/oauth/demo/register", big(65_536)))).toBeNull();
    expect(edgeRejection(req("POST", "/oauth/demo/token", big(100_000_000)))!.status).toBe(413);
    expect(json(edgeRejection(req("PATCH", "/api/v1/servers/demo", big(20_000_000))))).toMatchObject({
      error: { code: "PAYLOAD_TOO_LARGE" },
    });
    expect(edgeRejection(req("PATCH", "/api/v1/servers/demo", big(1_000_000)))).toBeNull();
    expect(edgeRejection(req("POST", "/sign-in", big(2_000_000)))!.status).toBe(413);
    expect(edgeRejection(req("POST", "/sign-in", { "transfer-encoding": "chunked" }))!.status).toBe(411);
    expect(
      edgeRejection(req("POST", "/api/auth/callback/credentials", { "transfer-encoding": "chunked" }))!.status,
    ).toBe(411);
    // Route handlers that count the bytes themselves accept chunked bodies.
    expect(edgeRejection(req("POST", "/oauth/demo/register", { "transfer-encoding": "chunked" }))).toBeNull();
  });

  it("answers a server action from a foreign or unreadable Origin with 403, with Next.js's own rule", () => {
    const action = { "next-action": "7f00", "content-type": "text/plain" };
    expect(edgeRejection(req("POST", "/servers", { ...action, origin: "http://evil.example" }))!.status).toBe(403);
    expect(edgeRejection(req("POST", "/servers", { ...action, origin: "not a url" }))!.status).toBe(403);
    expect(edgeRejection(req("POST", "/servers", { ...action, origin: "null" }))!.status).toBe(403);
    const multipart = { "content-type": "multipart/form-data; boundary=x", origin: "http://evil.example" };
    expect(edgeRejection(req("POST", "/oauth/demo/consent/abc", multipart))!.status).toBe(403);
    expect(edgeRejection(req("POST", "/servers", { ...action, origin: "http://localhost:3000" }))).toBeNull();
    expect(edgeRejection(req("POST", "/servers", action))).toBeNull();
    // Behind a proxy, X-Forwarded-Host names the public host, as Next.js reads it.
    const proxied = { ...action, origin: "https://auth.example.com", "x-forwarded-host": "auth.example.com" };
    expect(edgeRejection(req("POST", "/servers", proxied))).toBeNull();
    // Not a page: the admin API has its own same-origin check.
    expect(edgeRejection(req("POST", "/api/v1/servers", { ...action, origin: "http://evil.example" }))).toBeNull();
  });
});
