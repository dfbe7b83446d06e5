// The adapters in real servers on loopback: a plain Node http server and an Express app, each in front
// of the official MCP SDK's Streamable HTTP server transport, called by the SDK's own client.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { InvalidTokenError } from "@modelcontextprotocol/sdk/server/auth/errors.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
// @ts-expect-error express ships no types here (it comes with the MCP SDK); the test uses it untyped.
import express from "express";
import { afterAll, describe, expect, it } from "vitest";
import { parseBearerChallenge } from "../bearer.ts";
import { fakeAs, token, verifierFor } from "../fake-issuer.test-helper.ts";
import { scopesForToolCalls } from "../mcp.ts";
import { requireAccess } from "./express.ts";
import { sdkTokenVerifier } from "./mcp-sdk.ts";
import { authorizeNode, serveMetadata } from "./node.ts";

const TOOL_SCOPES = { whoami: ["mcp:tools"], purge: ["mcp:admin"] };
const as = fakeAs();
as.state.now = Date.now();
const verifier = verifierFor(as);

function mcpServer(): McpServer {
  const mcp = new McpServer({ name: "adapter-test", version: "1.0.0" });
  mcp.registerTool("whoami", { description: "who" }, (extra) => ({
    content: [{ type: "text", text: String(extra.authInfo?.extra?.sub) }],
  }));
  mcp.registerTool("purge", { description: "admin" }, () => ({ content: [{ type: "text", text: "purged" }] }));
  return mcp;
}

/** Stateless Streamable HTTP: a server and transport per request, as the SDK requires. */
async function serveMcp(req: IncomingMessage, res: ServerResponse, body: unknown) {
  const mcp = mcpServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await mcp.connect(transport);
  res.on("close", () => void mcp.close());
  await transport.handleRequest(req, res, body);
}

const servers: http.Server[] = [];
async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

const nodeUrl = await listen(async (req, res) => {
  if (serveMetadata(verifier, req, res)) return;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString()) as unknown) : undefined;
  if (!(await authorizeNode(verifier, req, res, scopesForToolCalls(body, TOOL_SCOPES)))) return;
  await serveMcp(req, res, body);
});

const app = express();
app.use(express.json());
app.post(
  "/mcp",
  requireAccess(verifier, { scopes: (req) => scopesForToolCalls(req.body, TOOL_SCOPES) }),
  (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => void serveMcp(req, res, req.body),
);
const expressUrl = await listen(app);

async function connect(url: string, accessToken: string) {
  const client = new Client({ name: "adapter-test-client", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${accessToken}` } },
  });
  await client.connect(transport);
  return client;
}

describe.each([
  ["Node http (authorizeNode)", () => nodeUrl],
  ["Express (requireAccess)", () => expressUrl],
])("%s in front of the MCP SDK", (_name, url) => {
  it("serves the SDK client with a valid token, and the tool sees who called", async () => {
    const client = await connect(url(), await token({ now: as.state.now }));
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name).sort()).toEqual(["purge", "whoami"]);
    const result = await client.callTool({ name: "whoami", arguments: {} });
    expect(result.content).toEqual([{ type: "text", text: "usr_1" }]);
    await client.close();
  });

  it("401 with resource_metadata without a token; 403 insufficient_scope for a tool needing more", async () => {
    const unauth = await fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(unauth.status).toBe(401);
    expect(parseBearerChallenge(unauth.headers.get("www-authenticate"))?.resource_metadata).toBe(verifier.metadataUrl);
    const denied = await fetch(url(), {
      method: "POST",
      headers: {
        authorization: `Bearer ${await token({ now: as.state.now })}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "purge", arguments: {} } }),
    });
    expect(denied.status).toBe(403);
    expect(parseBearerChallenge(denied.headers.get("www-authenticate"))).toMatchObject({
      error: "insufficient_scope",
      scope: "mcp:admin",
    });
  });
});

describe("serveMetadata", () => {
  it("serves the RFC 9728 document at the resource's well-known URL", async () => {
    const res = await fetch(nodeUrl.replace("/mcp", "/.well-known/oauth-protected-resource/mcp"));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ authorization_servers: [verifier.metadata().authorization_servers[0]] });
  });
});

describe("sdkTokenVerifier (for the SDK's requireBearerAuth)", () => {
  it("returns the SDK's AuthInfo for a valid token and throws InvalidTokenError otherwise", async () => {
    const sdk = sdkTokenVerifier(verifier);
    const info = await sdk.verifyAccessToken(await token({ now: as.state.now }));
    expect(info).toMatchObject({ clientId: "c1", scopes: ["mcp:tools"], extra: { sub: "usr_1" } });
    await expect(sdk.verifyAccessToken("not-a-jwt")).rejects.toBeInstanceOf(InvalidTokenError);
  });
});
