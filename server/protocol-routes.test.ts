// The protocol front with Gatehouse's endpoints on a loopback node:http server, as server/main.ts
// mounts it: which requests it
// takes, the headers every answer carries, the Web bridge (HEAD, 405, body cap, Content-Length),
// and that what it does not answer is left untouched for Next.js.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, ensureDemoServer, systemContext } from "@/lib/services";
import { createTestDb } from "@/test/db";
import { matchProtocolPath } from "@/lib/http/protocol-paths";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";
import { serveProtocol } from "./protocol-routes";

await createTestDb();
await ensureDemoServer(systemContext("test"));

let origin = "";
const passedOn: string[] = [];
const server = http.createServer((req, res) => {
  if (serveProtocol(req, res)) return;
  passedOn.push(req.url ?? "");
  res.writeHead(418).end("next.js");
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function expectSecurityHeaders(res: Response) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name)).toBe(value);
}

describe("matchProtocolPath", () => {
  it("knows the protocol endpoints and nothing else", () => {
    expect(matchProtocolPath("/oauth/demo/token")?.path).toBe("/oauth/[slug]/token");
    expect(matchProtocolPath("/oauth/demo/status-lists/sl_1")?.groups).toEqual({ slug: "demo", id: "sl_1" });
    expect(matchProtocolPath("/.well-known/openid-configuration/oauth/demo")?.path).toBe(
      "/.well-known/openid-configuration/oauth/[slug]",
    );
    expect(matchProtocolPath("/mcp/demo")?.path).toBe("/mcp/[slug]");
    for (const other of ["/oauth/demo/authorize", "/oauth/demo/consent/r1", "/oauth/demo/token/", "/mcp/demo/x", "/"])
      expect(matchProtocolPath(other)).toBeNull();
  });
});

describe("serveProtocol on a node:http server", () => {
  it("hands every other request on untouched", async () => {
    const res = await fetch(`${origin}/oauth/demo/authorize?client_id=x`);
    expect(res.status).toBe(418);
    expect(res.headers.get("content-security-policy")).toBeNull();
    expect(passedOn).toContain("/oauth/demo/authorize?client_id=x");
  });

  it("serves the metadata document with the security, CORS and cache headers and a Content-Length", async () => {
    const res = await fetch(`${origin}/.well-known/oauth-authorization-server/oauth/demo`);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toContain("max-age");
    const text = await res.text();
    expect(res.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text).issuer).toMatch(/\/oauth\/demo$/);
  });

  it("answers HEAD like GET without a body, and a method the endpoint lacks with 405 and Allow", async () => {
    const head = await fetch(`${origin}/oauth/demo/jwks`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const put = await fetch(`${origin}/oauth/demo/jwks`, { method: "PUT", body: "{}" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect((await put.json()).error).toBe("invalid_request");
    expectSecurityHeaders(put);
  });

  it("answers a CORS preflight on an endpoint without its own OPTIONS", async () => {
    const res = await fetch(`${origin}/oauth/demo/register`, { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("registers a client (DCR) through the Web bridge, and refuses a body over the cap with 413", async () => {
    const body = JSON.stringify({ client_name: "Front", redirect_uris: ["http://127.0.0.1/cb"] });
    const res = await fetch(`${origin}/oauth/demo/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(201);
    expect((await res.json()).client_id).toMatch(/./);
    const huge = await fetch(`${origin}/oauth/demo/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_name: "x".repeat(70_000) }),
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error).toBe("invalid_request");
  });

  it("serves the token endpoint on Node's req/res (RFC 6749 error JSON) and the demo MCP server's challenge", async () => {
    const token = await fetch(`${origin}/oauth/demo/token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("nobody:wrong").toString("base64")}` },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    expect(token.status).toBe(401);
    expect((await token.json()).error).toBe("invalid_client");
    expectSecurityHeaders(token);
    const mcp = await fetch(`${origin}/mcp/demo`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(mcp.status).toBe(401);
    expect(mcp.headers.get("www-authenticate")).toContain("resource_metadata=");
  });

  it("hands the demo MCP server its body as text: tools/list answers, a body that is not JSON is a parse error", async () => {
    const { client, clientSecret } = await createClient({
      ctx: systemContext("test"),
      serverSlug: "demo",
      input: { name: "Front bot", allowedScopes: ["mcp:tools"] },
    });
    const basic = Buffer.from(`${client.clientId}:${clientSecret}`).toString("base64");
    const issued = await fetch(`${origin}/oauth/demo/token`, {
      method: "POST",
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    expect(issued.status).toBe(200);
    const { access_token } = (await issued.json()) as { access_token: string };
    const post = (body: string) =>
      fetch(`${origin}/mcp/demo`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${access_token}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body,
      });
    const list = await post(JSON.stringify({ jsonrpc: "2.0", id: 7, method: "tools/list" }));
    expect(list.status).toBe(200);
    expectSecurityHeaders(list);
    const listed = (await list.json()) as { id: number; result: { tools: { name: string }[] } };
    expect(listed.id).toBe(7);
    expect(listed.result.tools.map((t) => t.name)).toContain("echo");
    const garbage = await post("{not json");
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it("decodes the slug, and an unknown server is the endpoint's own 404", async () => {
    const res = await fetch(`${origin}/oauth/no%20such/jwks`);
    expect(res.status).toBe(404);
    expectSecurityHeaders(res);
  });
});
