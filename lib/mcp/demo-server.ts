// The built-in demo MCP server at /mcp/{slug}: a protected resource in front of an MCP server built
// with the official SDK, over stateless Streamable HTTP (JSON responses). Every request is
// authorized before the MCP transport sees it: Origin (MCP transports, security warning), Bearer
// token from the header only (RFC 6750 §2.1, OAuth 2.1 §5.1), RFC 9068 §4 JWT validation, then
// Gatehouse's own revocation state, then per-tool scopes (RFC 6750 §3.1 insufficient_scope).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import { requestBodyTooLargeMessage } from "@modelcontextprotocol/sdk/server/requestBody.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ListToolsRequestSchema, type ListToolsResult } from "@modelcontextprotocol/sdk/types.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { z } from "zod";
import {
  createResourceVerifier,
  refusalResponse,
  rpcMethods,
  toAuthInfo,
  toolCalls,
  type ResourceVerifier,
} from "@gatehouse/mcp-resource-auth";
import { errors as joseErrors } from "jose";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { isAllowedOrigin } from "@/lib/oauth/origin";
import { resourceScopes } from "@gatehouse/mcp-resource-auth/metadata";
import { systemContext, type ServiceContext } from "@/lib/services/context";
import { rememberDpopJti } from "@/lib/services/oauth/dpop";
import { loadOAuthServer, type OAuthServer } from "@/lib/services/oauth/oauth-server";
import { verificationKey } from "@/lib/services/oauth/signing-keys";
import { isAccessTokenActive } from "@/lib/services/oauth/token-status";
import { demoMetadataUrl, isDemoResource } from "./demo-endpoint";
import { isReusableAfter, releaseServer, takeServer } from "./demo-server-pool";

export interface DemoMcpDeps {
  slug: string;
  /** Defaults to a fresh `systemContext("mcp-demo")` (the process database). */
  ctx?: ServiceContext;
  /** Defaults to env().GATEHOUSE_URL. */
  gatehouseUrl?: string;
  now?: () => Date;
  /** The request's body, already read and capped by the protocol front (its Request then has none). */
  body?: string | null;
}

/** The scope the demo tools ask for, when the MCP server defines it. */
export const DEMO_TOOLS_SCOPE = "mcp:tools";
/** The step-up scope: server_settings needs it; it implies mcp:tools (a broader scope implies narrower ones). */
export const DEMO_ADMIN_SCOPE = "mcp:admin";
const TOOL_SCOPES = {
  whoami: [DEMO_TOOLS_SCOPE],
  echo: [DEMO_TOOLS_SCOPE],
  server_settings: [DEMO_ADMIN_SCOPE],
} as const satisfies Record<string, readonly string[]>;
type DemoTool = keyof typeof TOOL_SCOPES;
const SCOPE_HIERARCHY = { [DEMO_ADMIN_SCOPE]: [DEMO_TOOLS_SCOPE] };

/** The demo needs nothing near the SDK's 4 MiB default; the scope check reads the body with the same bound. */
const MAX_BODY_BYTES = 1_048_576;

/**
 * The scopes a tool needs on this server: its declared scopes that the server defines. A server
 * without those scopes (or none at all) lets any valid token for it call the tool — except
 * server_settings, which exists only on a server that defines mcp:admin. Undefined for a tool the
 * demo does not have (the MCP layer answers that with a JSON-RPC error).
 */
export function requiredToolScopes(tool: string, serverScopes: readonly string[]): string[] | undefined {
  if (!Object.hasOwn(TOOL_SCOPES, tool)) return undefined;
  return TOOL_SCOPES[tool as DemoTool].filter((s) => serverScopes.includes(s));
}

/**
 * What a client is told to ask for when it has no token (the 401 challenge): the baseline the demo
 * needs, mcp:tools, not every scope (MCP "Scope Selection": start small, step up when a tool needs
 * more). A server without mcp:tools falls back to its default scopes.
 */
function baselineScopes(server: Pick<OAuthServer, "scopes" | "defaultScopes">): string[] {
  return server.scopes.some((s) => s.name === DEMO_TOOLS_SCOPE)
    ? [DEMO_TOOLS_SCOPE]
    : resourceScopes(server.defaultScopes);
}

type Log = Record<string, unknown>;

export async function handleDemoMcpRequest(request: Request, deps: DemoMcpDeps): Promise<Response> {
  const started = performance.now();
  const ctx = deps.ctx ?? systemContext("mcp-demo");
  // Never the token: only who presented it, once verified.
  const log: Log = { requestId: ctx.requestId, slug: deps.slug, method: request.method };
  let response: Response;
  try {
    response = await authorizeAndServe(request, deps, ctx, log);
  } catch (err) {
    logger.error("mcp.failed", { requestId: ctx.requestId, slug: deps.slug, err });
    response = jsonRpcError(500, -32603, "Internal error.");
  }
  logger.info("mcp.request", { ...log, status: response.status, ms: Math.round(performance.now() - started) });
  return response;
}

async function authorizeAndServe(
  request: Request,
  deps: DemoMcpDeps,
  ctx: ServiceContext,
  log: Log,
): Promise<Response> {
  const gatehouseUrl = deps.gatehouseUrl ?? env().GATEHOUSE_URL;

  // RS-10: a browser page from an unknown origin is refused before anything else. Only the
  // configured public origin counts as "ours" (not the Host header, which DNS rebinding controls);
  // loopback origins are allowed for MCP Inspector and local tools.
  const origin = request.headers.get("origin");
  const allowedOrigins = [new URL(gatehouseUrl).origin];
  if (origin !== null && !isAllowedOrigin(origin, allowedOrigins)) {
    log.outcome = "origin_forbidden";
    log.origin = origin;
    return jsonRpcError(403, -32000, "Forbidden: this Origin may not call the MCP server.");
  }
  const cors = origin !== null ? corsHeaders(origin) : undefined;
  if (request.method === "OPTIONS") {
    // CORS preflight from an allowed browser origin (e.g. MCP Inspector's direct mode): no
    // credentials are sent on a preflight, so it is answered before authentication.
    log.outcome = "preflight";
    return new Response(null, { status: 204, headers: { ...cors, ...PREFLIGHT_HEADERS } });
  }

  const server = await loadOAuthServer(ctx, deps.slug);
  if (!server || !isDemoResource(server, gatehouseUrl)) {
    log.outcome = "not_found";
    return withHeaders(
      Response.json({ error: "not_found", error_description: "There is no MCP server at this URL." }, { status: 404 }),
      cors,
    );
  }
  // POST bodies are read once, bounded, to learn which tools are called (the scopes they need); the
  // transport gets the parsed message (no second read, no clone of the body stream).
  const body =
    request.method !== "POST"
      ? undefined
      : deps.body !== undefined
        ? parseBody(deps.body, MAX_BODY_BYTES)
        : await readJsonBounded(request, MAX_BODY_BYTES);
  const value = body?.kind === "json" ? body.value : undefined;
  log.rpc = rpcMethods(value);
  const calls = toolCalls(value);
  if (calls.length > 0) log.tools = calls.slice(0, 10).map((t) => t.slice(0, 64));
  const serverScopes = server.scopes.map((s) => s.name);
  const needed = [...new Set(calls.flatMap((tool) => requiredToolScopes(tool, serverScopes) ?? []))];

  // RS-01..RS-11: the verifier package decides, as it would for any MCP server, with Gatehouse's
  // own keys and revocation state (immediate here, so the status list adds nothing and is skipped).
  const result = await cachedDemoVerifier(ctx, server, gatehouseUrl, deps.now).authorize(request, needed);
  if (!result.ok) {
    log.outcome = result.error ?? "no_token";
    return withHeaders(refusalResponse(result), cors);
  }
  const { access } = result;
  Object.assign(log, { clientId: access.clientId, sub: access.subject, jti: access.claims.jti });

  if (request.method !== "POST") {
    // Stateless server: no standalone SSE stream (GET) and no session to end (DELETE). The
    // Streamable HTTP transport lets a server answer both with 405.
    log.outcome = "method_not_allowed";
    return withHeaders(jsonRpcError(405, -32000, "Method not allowed: this stateless MCP server accepts POST only."), {
      ...cors,
      Allow: "POST",
    });
  }

  // After authorization, as the transport would answer it.
  if (body?.kind === "too_large") {
    log.outcome = "too_large";
    return withHeaders(jsonRpcError(413, -32000, requestBodyTooLargeMessage(MAX_BODY_BYTES)), cors);
  }
  log.outcome = "ok";
  const authInfo: AuthInfo = toAuthInfo(access, server.resource);
  const config = configKey(server);
  const mcp = takeServer(config, () => createServingMcpServer(server));
  // Stateless (no Mcp-Session-Id): a new transport per request, as the SDK requires; the server
  // behind it is new or one that served only stateless methods before (demo-server-pool.ts).
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: MAX_BODY_BYTES,
  });
  await mcp.connect(transport);
  let response: Response;
  try {
    response =
      body?.kind === "json"
        ? await transport.handleRequest(request, { authInfo, parsedBody: body.value })
        : // Not JSON, or left unread (declared too large, no body): the transport answers it as it
          // would any client (parse error, 413, wrong content type), from the bytes we read if any.
          await transport.handleRequest(body?.kind === "text" ? withBody(request, body.text) : request, { authInfo });
  } catch (err) {
    await mcp.close().catch(() => undefined);
    throw err;
  }
  // JSON responses are complete once handleRequest resolves, but the SDK's request handler finishes
  // its bookkeeping a few microtasks later; closing before that aborts it (an AbortController, a
  // DOMException and an McpError per request). At the end of this turn it has finished.
  const reusable = body?.kind === "json" && isReusableAfter(body.value);
  setImmediate(() => void releaseServer(config, mcp, reusable).catch(() => undefined));
  return withHeaders(response, cors);
}

const verifiers = new Map<string, ResourceVerifier>();

/**
 * On the process database, one verifier per server configuration, so its memory of verified
 * signatures lasts across requests (a test's own database or clock gets a fresh one).
 */
function cachedDemoVerifier(
  ctx: ServiceContext,
  server: OAuthServer,
  gatehouseUrl: string,
  now: (() => Date) | undefined,
): ResourceVerifier {
  if (ctx.db || now) return demoVerifier(ctx, server, gatehouseUrl, now);
  const key = `${gatehouseUrl}\n${configKey(server)}`;
  let verifier = verifiers.get(key);
  if (!verifier) {
    if (verifiers.size >= 100) verifiers.clear();
    verifier = demoVerifier(systemContext("mcp-demo"), server, gatehouseUrl, undefined);
    verifiers.set(key, verifier);
  }
  return verifier;
}

/**
 * The demo verifies tokens as any MCP server would with @gatehouse/mcp-resource-auth, except that it
 * lives inside Gatehouse: keys come from the database (no JWKS fetch), revocation is asked of the
 * database on every request (immediate, so the status list is not needed), and DPoP jtis go to the
 * shared table so a proof cannot be replayed on another instance.
 */
function demoVerifier(
  ctx: ServiceContext,
  server: OAuthServer,
  gatehouseUrl: string,
  now: (() => Date) | undefined,
): ResourceVerifier {
  return createResourceVerifier({
    issuer: server.issuer,
    resource: server.resource,
    metadataUrl: demoMetadataUrl(server.slug, gatehouseUrl),
    jwks: async (header) => {
      const key = header.kid === undefined ? undefined : await verificationKey(ctx, header.kid);
      if (!key) throw new joseErrors.JWKSNoMatchingKey();
      return key;
    },
    algorithms: ["ES256"],
    clockToleranceSeconds: 0,
    scopesSupported: baselineScopes(server),
    scopeHierarchy: SCOPE_HIERARCHY,
    statusList: false,
    isActive: (claims) => isAccessTokenActive(ctx, server.id, claims),
    rememberDpopJti: (jkt, jti, until) => rememberDpopJti(ctx, jkt, jti, until),
    ...(now ? { now: () => now().getTime() } : {}),
  });
}

/**
 * One JSON-schema validator for every request's McpServer: the SDK would otherwise build a new Ajv
 * instance per server, which was the largest single cost of a stateless tools/list.
 */
const SHARED_VALIDATOR = new AjvJsonSchemaValidator();

/**
 * tools/list of the demo server, with or without server_settings: asked once of an McpServer over
 * the SDK's in-memory transport, then answered from memory. The SDK converts every tool's zod schema
 * to JSON Schema on each tools/list, the largest single cost of a stateless request; the tools and
 * their schemas never change, and a test compares this answer with the SDK's own.
 */
export function demoToolList(withAdmin: boolean): Promise<ListToolsResult> {
  let list = toolLists.get(withAdmin);
  if (!list) {
    list = askToolList(withAdmin);
    toolLists.set(withAdmin, list);
    list.catch(() => toolLists.delete(withAdmin));
  }
  return list;
}

const toolLists = new Map<boolean, Promise<ListToolsResult>>();

async function askToolList(withAdmin: boolean): Promise<ListToolsResult> {
  const mcp = createDemoMcpServer({
    name: "",
    resource: "",
    issuer: "",
    scopes: withAdmin ? [{ name: DEMO_ADMIN_SCOPE, description: "" }] : [],
    defaultScopes: [],
    accessTokenTtl: 0,
    statusListTtl: 0,
  });
  const [ours, theirs] = InMemoryTransport.createLinkedPair();
  const answer = new Promise<ListToolsResult>((resolve, reject) => {
    ours.onmessage = (message) =>
      "result" in message ? resolve(message.result as ListToolsResult) : reject(new Error(JSON.stringify(message)));
  });
  await mcp.connect(theirs);
  await ours.start();
  try {
    await ours.send({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} });
    // As the HTTP transport would send it (no undefined members).
    return JSON.parse(JSON.stringify(await answer)) as ListToolsResult;
  } finally {
    await mcp.close();
  }
}

type DemoServerConfig = Pick<
  OAuthServer,
  "name" | "resource" | "issuer" | "scopes" | "defaultScopes" | "accessTokenTtl" | "statusListTtl"
>;

const configKeys = new WeakMap<OAuthServer, string>();

/**
 * Everything a verifier or a demo McpServer is built from, as a key: they are shared only between
 * equal configurations. Computed once per loaded server object (loadOAuthServer keeps one a second).
 */
function configKey(server: OAuthServer): string {
  let key = configKeys.get(server);
  if (key === undefined) {
    key = JSON.stringify([
      server.id,
      server.name,
      server.issuer,
      server.resource,
      server.scopes,
      server.defaultScopes,
      server.accessTokenTtl,
      server.statusListTtl,
    ]);
    configKeys.set(server, key);
  }
  return key;
}

/** The demo server as requests use it: tools/list answered from the cached list. */
function createServingMcpServer(server: DemoServerConfig): McpServer {
  const mcp = createDemoMcpServer(server);
  const toolList = demoToolList(server.scopes.some((s) => s.name === DEMO_ADMIN_SCOPE));
  mcp.server.setRequestHandler(ListToolsRequestSchema, () => toolList);
  return mcp;
}

/** Built once: zod schemas are costly to construct, and the SDK only reads them. */
const ECHO_INPUT = { message: z.string().max(10_000).describe("The text to send back") };

/** The demo's MCP server. Scope checks happen at the HTTP layer (above), where a 403 challenge can be sent. */
export function createDemoMcpServer(server: DemoServerConfig): McpServer {
  const mcp = new McpServer(
    { name: "gatehouse-demo", title: server.name, version: "1.0.0" },
    {
      jsonSchemaValidator: SHARED_VALIDATOR,
      instructions:
        "Gatehouse's demo MCP server. Call whoami to see the access token you presented, echo to test a round trip, or server_settings (needs mcp:admin) to see step-up authorization.",
    },
  );
  mcp.registerTool(
    "whoami",
    {
      title: "Who am I?",
      description: "Returns the subject, client, scopes and expiry of the access token this request was made with.",
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (extra) => {
      const auth = extra.authInfo;
      const identity = {
        sub: typeof auth?.extra?.sub === "string" ? auth.extra.sub : null,
        client_id: auth?.clientId ?? null,
        scopes: auth?.scopes ?? [],
        expires_at: auth?.expiresAt !== undefined ? new Date(auth.expiresAt * 1000).toISOString() : null,
      };
      return { content: [{ type: "text", text: JSON.stringify(identity, null, 2) }] };
    },
  );
  mcp.registerTool(
    "echo",
    {
      title: "Echo",
      description: "Returns the message it is given.",
      inputSchema: ECHO_INPUT,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ message }) => ({ content: [{ type: "text", text: message }] }),
  );
  if (server.scopes.some((s) => s.name === DEMO_ADMIN_SCOPE)) {
    mcp.registerTool(
      "server_settings",
      {
        title: "Server settings",
        description: `Shows this MCP server's OAuth settings. Needs the ${DEMO_ADMIN_SCOPE} scope (step-up).`,
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
      () => {
        const settings = {
          name: server.name,
          resource: server.resource,
          issuer: server.issuer,
          scopes: server.scopes.map((s) => s.name),
          default_scopes: server.defaultScopes,
          access_token_ttl_seconds: server.accessTokenTtl,
          status_list_ttl_seconds: server.statusListTtl,
        };
        return { content: [{ type: "text", text: JSON.stringify(settings, null, 2) }] };
      },
    );
  }
  return mcp;
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return Response.json(
    { jsonrpc: "2.0", error: { code, message }, id: null },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

const PREFLIGHT_HEADERS = {
  "Access-Control-Allow-Methods": "GET, POST, DELETE",
  "Access-Control-Allow-Headers":
    "Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID, DPoP",
  "Access-Control-Max-Age": "600",
};

/** Only for origins that passed isAllowedOrigin. Browser clients must read the challenge header. */
function corsHeaders(origin: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": "WWW-Authenticate, Mcp-Session-Id, Mcp-Protocol-Version",
    Vary: "Origin",
  };
}

function withHeaders(response: Response, headers: Record<string, string> | undefined): Response {
  if (!headers) return response;
  // A fresh Response: headers of one we did not build may be immutable.
  const merged = new Headers(response.headers);
  for (const [k, v] of Object.entries(headers)) merged.set(k, v);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged });
}

type BodyRead = { kind: "json"; value: unknown } | { kind: "text"; text: string } | { kind: "too_large" };

/**
 * Reads a POST body with a byte bound: its JSON value, its text when it is not JSON, "too_large"
 * when it outgrows the bound while being read. Undefined when it was left unread (no body, or a
 * declared length over the bound), so the transport answers the untouched request.
 */
async function readJsonBounded(request: Request, maxBytes: number): Promise<BodyRead | undefined> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (!request.body || declared > maxBytes) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { kind: "too_large" };
    }
    chunks.push(value);
  }
  return parseBody(new TextDecoder().decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)), maxBytes);
}

/** A body already read as text: its JSON value, or the text itself when it is not JSON. */
function parseBody(text: string | null, maxBytes: number): BodyRead | undefined {
  if (text === null) return undefined;
  if (Buffer.byteLength(text) > maxBytes) return { kind: "too_large" };
  try {
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch {
    return { kind: "text", text };
  }
}

/** The same request with `text` as its body (the original's stream has been read). */
function withBody(request: Request, text: string): Request {
  return new Request(request.url, { method: request.method, headers: request.headers, body: text });
}
