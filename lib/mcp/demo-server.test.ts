// The demo MCP endpoint as clients see it: the route handlers called with real Requests, a fresh
// database, access tokens signed with Gatehouse's own key, and the official MCP SDK client.
import { randomUUID } from "node:crypto";
import { generateKeyPair, SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createClient, createServer, ensureDemoServer, setClientDisabled, systemContext } from "@/lib/services";
import { activeSigningKey } from "@/lib/services/oauth/signing-keys";
import { signAccessToken, type AccessTokenClaims, type SigningKeyMaterial } from "@/lib/oauth/access-token";
import { parseBearerChallenge } from "@gatehouse/mcp-resource-auth/bearer";
import { createTestDb } from "@/test/db";
import { serverInput } from "@/test/factories";
import { protocolRoute } from "@/test/protocol-route";
import { flushLog } from "@/lib/logger";
import { createDemoMcpServer, demoToolList } from "./demo-server";
import { idleServerCount } from "./demo-server-pool";
const mcpRoute = protocolRoute("/mcp/[slug]");
const prmRoute = protocolRoute("/.well-known/oauth-protected-resource/mcp/[slug]");

const database = await createTestDb();
const sys = systemContext("t", { db: database.prisma });
await ensureDemoServer(sys);
const { client } = await createClient({
  ctx: sys,
  serverSlug: "demo",
  input: { name: "Test bot", allowedScopes: ["mcp:tools"] },
});
const signingKey = await activeSigningKey(sys);

const RS = "http://localhost:3000/mcp/demo";
const ISSUER = "http://localhost:3000/oauth/demo";
const PRM = "http://localhost:3000/.well-known/oauth-protected-resource/mcp/demo";
const ACCEPT = "application/json, text/event-stream";

function claimsFor(clientId: string, overrides: Partial<AccessTokenClaims> = {}): AccessTokenClaims {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: ISSUER,
    aud: RS,
    sub: `client:${clientId}`,
    client_id: clientId,
    scope: "mcp:tools",
    iat: now,
    exp: now + 600,
    jti: randomUUID(),
    ...overrides,
  };
}

async function mint(overrides: Partial<AccessTokenClaims> = {}, key: SigningKeyMaterial = signingKey): Promise<string> {
  return signAccessToken(claimsFor(client.clientId, overrides), key);
}

const params = (slug: string) => ({ params: Promise.resolve({ slug }) });

function rpc(body: unknown, init: { token?: string; headers?: Record<string, string>; url?: string } = {}): Request {
  const headers = new Headers({ "content-type": "application/json", accept: ACCEPT, ...init.headers });
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  return new Request(init.url ?? RS, { method: "POST", headers, body: JSON.stringify(body) });
}

const initialize = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "vitest", version: "1.0.0" } },
};
const callTool = (name: string, args: Record<string, unknown> = {}) => ({
  jsonrpc: "2.0",
  id: 2,
  method: "tools/call",
  params: { name, arguments: args },
});

function challengeOf(res: Response) {
  const header = res.headers.get("www-authenticate");
  const parsed = parseBearerChallenge(header);
  expect(parsed, `WWW-Authenticate parses (RS-12): ${header}`).not.toBeNull();
  return parsed!;
}

async function expectInvalidToken(res: Response) {
  expect(res.status).toBe(401);
  const challenge = challengeOf(res);
  expect(challenge.error).toBe("invalid_token");
  expect(challenge.resource_metadata).toBe(PRM);
  expect(challenge.error_description).toBeTruthy();
  return challenge;
}

// One JSON log line per request: kept out of the test output, and read by the logging test.
let stdoutWrite: MockInstance<typeof process.stdout.write>;
beforeEach(() => {
  flushLog();
  stdoutWrite = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe("POST /mcp/demo: authentication (RFC 6750, RFC 9728 §5.1)", () => {
  it("RS-01: no token → 401 with resource_metadata and the default scopes, no error attribute", async () => {
    const res = await mcpRoute.POST(rpc(initialize), params("demo"));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer .*resource_metadata="http:\/\/localhost:3000\//);
    expect(challengeOf(res)).toEqual({ scope: "mcp:tools", resource_metadata: PRM });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("RS-07: a token in the query is ignored", async () => {
    const token = await mint();
    const res = await mcpRoute.POST(rpc(initialize, { url: `${RS}?access_token=${token}` }), params("demo"));
    expect(res.status).toBe(401);
    expect(challengeOf(res).error).toBeUndefined();
  });

  it("RS-11: a malformed Authorization header → 400 invalid_request", async () => {
    const res = await mcpRoute.POST(rpc(initialize, { headers: { authorization: "Bearer a b" } }), params("demo"));
    expect(res.status).toBe(400);
    expect(challengeOf(res)).toMatchObject({ error: "invalid_request", resource_metadata: PRM });
  });

  it("RS-02: an expired token → 401 invalid_token", async () => {
    const now = Math.floor(Date.now() / 1000);
    const challenge = await expectInvalidToken(
      await mcpRoute.POST(rpc(initialize, { token: await mint({ iat: now - 3600, exp: now - 600 }) }), params("demo")),
    );
    expect(challenge.error_description).toMatch(/expired/);
  });

  it("RS-02: garbage → 401 invalid_token", async () => {
    await expectInvalidToken(await mcpRoute.POST(rpc(initialize, { token: "not.a.jwt" }), params("demo")));
  });

  it("RS-03: a token for another resource → 401 invalid_token", async () => {
    const challenge = await expectInvalidToken(
      await mcpRoute.POST(
        rpc(initialize, { token: await mint({ aud: "https://other.example.com/mcp" }) }),
        params("demo"),
      ),
    );
    expect(challenge.error_description).toMatch(/another resource/);
  });

  it("RS-04: a foreign issuer, an unknown key and typ JWT → 401 invalid_token", async () => {
    await expectInvalidToken(
      await mcpRoute.POST(
        rpc(initialize, { token: await mint({ iss: "http://localhost:3000/oauth/other" }) }),
        params("demo"),
      ),
    );

    const { privateKey } = await generateKeyPair("ES256");
    const foreign = await mint({}, { kid: "not-published", privateKey });
    await expectInvalidToken(await mcpRoute.POST(rpc(initialize, { token: foreign }), params("demo")));
    const sameKidForeignKey = await mint({}, { kid: signingKey.kid, privateKey });
    await expectInvalidToken(await mcpRoute.POST(rpc(initialize, { token: sameKidForeignKey }), params("demo")));

    const c = claimsFor(client.clientId);
    const plainJwt = await new SignJWT({ client_id: c.client_id, scope: c.scope })
      .setProtectedHeader({ alg: "ES256", typ: "JWT", kid: signingKey.kid })
      .setIssuer(c.iss)
      .setSubject(c.sub)
      .setAudience(c.aud)
      .setIssuedAt(c.iat)
      .setExpirationTime(c.exp)
      .setJti(c.jti)
      .sign(signingKey.privateKey);
    await expectInvalidToken(await mcpRoute.POST(rpc(initialize, { token: plainJwt }), params("demo")));
  });

  it("revocation is immediate: a denylisted jti → 401 invalid_token", async () => {
    const jti = randomUUID();
    const token = await mint({ jti });
    expect((await mcpRoute.POST(rpc(initialize, { token }), params("demo"))).status).toBe(200);
    await database.prisma.revokedAccessToken.create({ data: { jti, expiresAt: new Date(Date.now() + 600_000) } });
    const challenge = await expectInvalidToken(await mcpRoute.POST(rpc(initialize, { token }), params("demo")));
    expect(challenge.error_description).toMatch(/revoked/);
  });

  it("revocation is immediate: a disabled client's token → 401 invalid_token", async () => {
    const other = await createClient({ ctx: sys, serverSlug: "demo", input: { name: "Soon disabled" } });
    const token = await signAccessToken(claimsFor(other.client.clientId), signingKey);
    expect((await mcpRoute.POST(rpc(initialize, { token }), params("demo"))).status).toBe(200);
    await setClientDisabled({
      ctx: sys,
      serverSlug: "demo",
      input: { clientId: other.client.clientId },
      disabled: true,
    });
    await expectInvalidToken(await mcpRoute.POST(rpc(initialize, { token }), params("demo")));
  });
});

describe("POST /mcp/demo: Origin (MCP Streamable HTTP security warning)", () => {
  it("RS-10: a foreign Origin → 403, even with a valid token", async () => {
    const res = await mcpRoute.POST(
      rpc(initialize, { token: await mint(), headers: { origin: "https://evil.test" } }),
      params("demo"),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("RS-10: Gatehouse's own origin and loopback origins (MCP Inspector) are allowed, with CORS", async () => {
    for (const origin of ["http://localhost:3000", "http://localhost:6274", "http://127.0.0.1:6274"]) {
      const res = await mcpRoute.POST(rpc(initialize, { token: await mint(), headers: { origin } }), params("demo"));
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-expose-headers")).toContain("WWW-Authenticate");
    }
    const preflight = await mcpRoute.OPTIONS(
      new Request(RS, { method: "OPTIONS", headers: { origin: "http://localhost:6274" } }),
      params("demo"),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Authorization");
  });
});

describe("POST /mcp/demo: MCP over stateless Streamable HTTP", () => {
  it("RS-08: initialize works with a valid token (any case of Bearer), and no session id is issued", async () => {
    const res = await mcpRoute.POST(
      rpc(initialize, { headers: { authorization: `bearer ${await mint()}` } }),
      params("demo"),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("mcp-session-id")).toBeNull();
    const body = (await res.json()) as { result: { serverInfo: { name: string }; capabilities: { tools?: unknown } } };
    expect(body.result.serverInfo.name).toBe("gatehouse-demo");
    expect(body.result.capabilities.tools).toBeDefined();
  });

  it("tools/call whoami returns the token's subject, client, scopes and expiry; the token never reaches the log", async () => {
    const exp = Math.floor(Date.now() / 1000) + 300;
    const token = await mint({ exp });
    const res = await mcpRoute.POST(rpc(callTool("whoami"), { token }), params("demo"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { content: { type: string; text: string }[] } };
    expect(JSON.parse(body.result.content[0]!.text)).toEqual({
      sub: `client:${client.clientId}`,
      client_id: client.clientId,
      scopes: ["mcp:tools"],
      expires_at: new Date(exp * 1000).toISOString(),
    });
    flushLog();
    const lines = stdoutWrite.mock.calls.flatMap((c) => String(c[0]).split("\n"));
    const line = lines
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === "mcp.request");
    expect(line).toMatchObject({
      slug: "demo",
      status: 200,
      outcome: "ok",
      clientId: client.clientId,
      tools: ["whoami"],
    });
    expect(lines.join("\n")).not.toContain(token);
  });

  it("RS-05: a token without mcp:tools may list tools but not call them: 403 insufficient_scope", async () => {
    const token = await mint({ scope: "" });
    const list = await mcpRoute.POST(rpc({ jsonrpc: "2.0", id: 3, method: "tools/list" }, { token }), params("demo"));
    expect(list.status).toBe(200);
    const names = ((await list.json()) as { result: { tools: { name: string }[] } }).result.tools.map((t) => t.name);
    expect(names.sort()).toEqual(["echo", "server_settings", "whoami"]);

    const res = await mcpRoute.POST(rpc(callTool("echo", { message: "hi" }), { token }), params("demo"));
    expect(res.status).toBe(403);
    expect(challengeOf(res)).toMatchObject({ error: "insufficient_scope", scope: "mcp:tools", resource_metadata: PRM });

    // The same check covers a call hidden in a batch.
    const batch = await mcpRoute.POST(
      rpc([{ jsonrpc: "2.0", id: 4, method: "ping" }, callTool("whoami")], { token }),
      params("demo"),
    );
    expect(batch.status).toBe(403);

    // A token with the scope then succeeds.
    expect(
      (await mcpRoute.POST(rpc(callTool("echo", { message: "hi" }), { token: await mint() }), params("demo"))).status,
    ).toBe(200);
  });

  it("step-up: server_settings needs mcp:admin (403 naming it); mcp:admin implies mcp:tools", async () => {
    const tools = await mint({ scope: "mcp:tools" });
    const denied = await mcpRoute.POST(rpc(callTool("server_settings"), { token: tools }), params("demo"));
    expect(denied.status).toBe(403);
    expect(challengeOf(denied)).toEqual({
      error: "insufficient_scope",
      error_description: "This call needs the scope mcp:admin.",
      scope: "mcp:admin",
      resource_metadata: PRM,
    });
    // A call needing both lists both: every scope the operation needs, in one challenge.
    const both = await mcpRoute.POST(
      rpc([callTool("whoami"), { ...callTool("server_settings"), id: 3 }], { token: await mint({ scope: "" }) }),
      params("demo"),
    );
    expect(challengeOf(both).scope).toBe("mcp:tools mcp:admin");

    const admin = await mint({ scope: "mcp:admin" });
    const settings = await mcpRoute.POST(rpc(callTool("server_settings"), { token: admin }), params("demo"));
    expect(settings.status).toBe(200);
    const text = ((await settings.json()) as { result: { content: { text: string }[] } }).result.content[0]!.text;
    expect(JSON.parse(text)).toMatchObject({ resource: RS, scopes: ["mcp:tools", "mcp:admin"] });
    expect((await mcpRoute.POST(rpc(callTool("whoami"), { token: admin }), params("demo"))).status).toBe(200);
  });

  it("the 401 challenge asks for the baseline mcp:tools only, not the step-up scope", async () => {
    const res = await mcpRoute.POST(rpc(initialize), params("demo"));
    expect(res.status).toBe(401);
    expect(challengeOf(res).scope).toBe("mcp:tools");
  });

  it("GET and DELETE: authenticated like POST, then 405 (no SSE stream, no session)", async () => {
    const noToken = await mcpRoute.GET(new Request(RS, { headers: { accept: "text/event-stream" } }), params("demo"));
    expect(noToken.status).toBe(401);
    expect(challengeOf(noToken).resource_metadata).toBe(PRM);
    const token = await mint();
    const get = await mcpRoute.GET(
      new Request(RS, { headers: { accept: "text/event-stream", authorization: `Bearer ${token}` } }),
      params("demo"),
    );
    expect(get.status).toBe(405);
    const del = await mcpRoute.DELETE(
      new Request(RS, { method: "DELETE", headers: { authorization: `Bearer ${token}` } }),
      params("demo"),
    );
    expect(del.status).toBe(405);
  });

  it("unknown slugs and external MCP servers → 404", async () => {
    expect(
      (await mcpRoute.POST(rpc(initialize, { url: "http://localhost:3000/mcp/nope" }), params("nope"))).status,
    ).toBe(404);
    const external = await createServer({ ctx: sys, input: serverInput() });
    const res = await mcpRoute.POST(
      rpc(initialize, { url: `http://localhost:3000/mcp/${external.slug}` }),
      params(external.slug),
    );
    expect(res.status).toBe(404);
  });
});

describe("the official MCP SDK client, end to end", () => {
  const route = (input: string | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const handler = { GET: mcpRoute.GET, POST: mcpRoute.POST, DELETE: mcpRoute.DELETE }[
      request.method as "GET" | "POST" | "DELETE"
    ];
    if (!handler) return Promise.resolve(new Response(null, { status: 405 }));
    return handler(request, params(new URL(request.url).pathname.split("/").pop() ?? ""));
  };

  function sdkClient(token?: string) {
    const transport = new StreamableHTTPClientTransport(new URL(RS), {
      fetch: route,
      ...(token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : {}),
    });
    return { client: new Client({ name: "vitest", version: "1.0.0" }), transport };
  }

  it("connects, lists tools, calls whoami and echo", async () => {
    const { client: mcp, transport } = sdkClient(await mint());
    await mcp.connect(transport);
    try {
      const { tools } = await mcp.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(["echo", "server_settings", "whoami"]);
      const who = await mcp.callTool({ name: "whoami", arguments: {} });
      const text = (who.content as { type: string; text: string }[])[0]!.text;
      expect((JSON.parse(text) as { sub: string }).sub).toBe(`client:${client.clientId}`);
      const echo = await mcp.callTool({ name: "echo", arguments: { message: "hello, gatehouse" } });
      expect(echo.content).toEqual([{ type: "text", text: "hello, gatehouse" }]);
    } finally {
      await mcp.close();
    }
  });

  it("without a token the SDK client is refused (401)", async () => {
    const { client: mcp, transport } = sdkClient();
    await expect(mcp.connect(transport)).rejects.toThrow();
  });
});

describe("GET /.well-known/oauth-protected-resource/mcp/demo (RFC 9728)", () => {
  it("PRM-01..05: public JSON naming the resource byte-exact and the issuer", async () => {
    const res = await prmRoute.GET(new Request(PRM), params("demo"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toEqual({
      resource: RS,
      authorization_servers: [ISSUER],
      scopes_supported: ["mcp:tools", "mcp:admin"],
      bearer_methods_supported: ["header"],
      resource_name: "Demo MCP server",
    });
  });

  it("PRM-01: answers a CORS preflight", async () => {
    const res = await prmRoute.OPTIONS(
      new Request(PRM, {
        method: "OPTIONS",
        headers: { origin: "http://localhost:6274", "access-control-request-headers": "mcp-protocol-version" },
      }),
      params("demo"),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toBe("mcp-protocol-version");
  });

  it("404 for unknown slugs and external MCP servers", async () => {
    expect((await prmRoute.GET(new Request(`${PRM}x`), params("demox"))).status).toBe(404);
    const external = await createServer({ ctx: sys, input: serverInput() });
    expect((await prmRoute.GET(new Request(PRM), params(external.slug))).status).toBe(404);
  });
});

describe("the demo's cached tools/list", () => {
  it.each([false, true])(
    "equals what the SDK's McpServer answers itself (mcp:admin defined: %s)",
    async (withAdmin) => {
      const mcp = createDemoMcpServer({
        name: "x",
        resource: "https://rs.example/mcp",
        issuer: "https://as.example",
        scopes: withAdmin ? [{ name: "mcp:admin", description: "" }] : [],
        defaultScopes: [],
        accessTokenTtl: 60,
        statusListTtl: 60,
      });
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      const sdkClient = new Client({ name: "test", version: "1.0.0" });
      await Promise.all([mcp.connect(serverSide), sdkClient.connect(clientSide)]);
      const fromSdk = await sdkClient.listTools();
      await sdkClient.close();
      const cached = await demoToolList(withAdmin);
      expect(cached.tools).toEqual(fromSdk.tools);
      expect(cached.tools.map((t) => t.name)).toEqual(
        withAdmin ? ["whoami", "echo", "server_settings"] : ["whoami", "echo"],
      );
      // Asked once: the same answer object every time.
      expect(await demoToolList(withAdmin)).toBe(cached);
    },
  );
});

describe("the demo's pooled McpServers", () => {
  const STACK_TRACE_LIMIT = Error.stackTraceLimit;
  /** The server goes back to the pool after the turn that answered (setImmediate) and its close. */
  const settled = () => new Promise((resolve) => setTimeout(resolve, 20));
  const whoami = async (token: string) => {
    const res = await mcpRoute.POST(rpc(callTool("whoami"), { token }), params("demo"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { content: { text: string }[] } };
    return JSON.parse(body.result.content[0]!.text) as { scopes: string[] };
  };

  it("a server that answered tools/call serves the next request as a new one would, with its own token", async () => {
    expect((await whoami(await mint({ scope: "mcp:tools" }))).scopes).toEqual(["mcp:tools"]);
    await settled();
    const idle = idleServerCount();
    expect(idle).toBeGreaterThan(0);
    // Taken from the pool, and given back: the second caller sees only its own token.
    expect((await whoami(await mint({ scope: "mcp:tools mcp:admin" }))).scopes).toEqual(["mcp:tools", "mcp:admin"]);
    await settled();
    expect(idleServerCount()).toBe(idle);
    // Closing skips the stack trace of the SDK's "Connection closed" error, and only there.
    expect(Error.stackTraceLimit).toBe(STACK_TRACE_LIMIT);
    expect(new Error("after").stack).toContain("demo-server.test.ts");
  });

  it("a server that saw initialize or a batch is dropped, not pooled", async () => {
    await whoami(await mint());
    await settled();
    const idle = idleServerCount();
    expect(idle).toBeGreaterThan(0);
    const token = await mint();
    expect((await mcpRoute.POST(rpc(initialize, { token }), params("demo"))).status).toBe(200);
    await settled();
    expect(idleServerCount()).toBe(idle - 1);
    const batch = [{ jsonrpc: "2.0", id: 4, method: "ping" }, callTool("whoami")];
    expect((await mcpRoute.POST(rpc(batch, { token }), params("demo"))).status).toBe(200);
    await settled();
    expect(idleServerCount()).toBe(Math.max(0, idle - 2));
  });
});
