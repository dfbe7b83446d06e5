// The built-in demo MCP server at /mcp/{slug}: a protected resource in front of an MCP server built
// with the official SDK, over stateless Streamable HTTP (JSON responses). Every request is
// authorized before the MCP transport sees it: Origin (MCP transports, security warning), Bearer
// token from the header only (RFC 6750 §2.1, OAuth 2.1 §5.1), RFC 9068 §4 JWT validation, then
// Gatehouse's own revocation state, then per-tool scopes (RFC 6750 §3.1 insufficient_scope).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { z } from "zod";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { verifyAccessToken, type VerifyFailure } from "@/lib/oauth/access-token";
import {
  BEARER_ERROR_STATUS,
  bearerChallenge,
  parseBearerAuthorization,
  type BearerChallengeParams,
} from "@/lib/oauth/bearer";
import { dpopChallenge, DpopError, parseDpopAuthorization, verifyDpopProof } from "@/lib/oauth/dpop";
import { isAllowedOrigin } from "@/lib/oauth/origin";
import { resourceScopes } from "@/lib/oauth/protected-resource-metadata";
import { systemContext, type ServiceContext } from "@/lib/services/context";
import { rememberDpopJti } from "@/lib/services/oauth/dpop";
import { loadOAuthServer, type OAuthServer } from "@/lib/services/oauth/oauth-server";
import { verificationKey, verifiedSignatures } from "@/lib/services/oauth/signing-keys";
import { isAccessTokenActive } from "@/lib/services/oauth/token-status";
import { demoMetadataUrl, isDemoResource } from "./demo-endpoint";

export interface DemoMcpDeps {
  slug: string;
  /** Defaults to a fresh `systemContext("mcp-demo")` (the process database). */
  ctx?: ServiceContext;
  /** Defaults to env().GATEHOUSE_URL. */
  gatehouseUrl?: string;
  now?: () => Date;
}

/** The scope the demo tools ask for, when the MCP server defines it. */
export const DEMO_TOOLS_SCOPE = "mcp:tools";
const TOOL_SCOPES = { whoami: [DEMO_TOOLS_SCOPE], echo: [DEMO_TOOLS_SCOPE] } as const satisfies Record<
  string,
  readonly string[]
>;
type DemoTool = keyof typeof TOOL_SCOPES;

/** The demo needs nothing near the SDK's 4 MiB default; the scope check reads the body with the same bound. */
const MAX_BODY_BYTES = 1_048_576;

/**
 * The scopes a tool needs on this server: its declared scopes that the server defines. A server
 * without those scopes (or none at all) lets any valid token for it call the tool. Undefined for
 * a tool the demo does not have (the MCP layer answers that with a JSON-RPC error).
 */
export function requiredToolScopes(tool: string, serverScopes: readonly string[]): string[] | undefined {
  if (!Object.hasOwn(TOOL_SCOPES, tool)) return undefined;
  return TOOL_SCOPES[tool as DemoTool].filter((s) => serverScopes.includes(s));
}

/** Why a token is not accepted, for error_description (RFC 6750 §3: human-readable, ASCII). */
const VERIFY_FAILURES: Record<VerifyFailure | "inactive", string> = {
  malformed: "The access token is malformed.",
  bad_signature: "The access token signature is not valid for this authorization server.",
  expired: "The access token expired.",
  wrong_issuer: "The access token was issued by another authorization server.",
  wrong_audience: "The access token was issued for another resource.",
  wrong_type: "The access token is not an RFC 9068 JWT access token.",
  inactive: "The access token was revoked.",
};

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
  const resourceMetadata = demoMetadataUrl(server.slug, gatehouseUrl);
  const challenge = (params: BearerChallengeParams) => withHeaders(challengeResponse(params, resourceMetadata), cors);

  // RS-07/RS-08: the token comes only from `Authorization: Bearer` or `Authorization: DPoP` (any
  // case, RFC 9449 §7.1); a query access_token is ignored, so a request carrying only that is
  // unauthenticated.
  const dpopAuth = parseDpopAuthorization(request.headers.get("authorization"));
  const credentials = dpopAuth.ok
    ? ({ ok: true, token: dpopAuth.token } as const)
    : parseBearerAuthorization(request.headers.get("authorization"));
  if (!credentials.ok) {
    log.outcome = credentials.reason === "missing" ? "no_token" : "malformed_header";
    // RS-01: no credentials → discovery challenge without an error code (RFC 6750 §3.1).
    if (credentials.reason === "missing") return challenge({ scope: resourceScopes(server.defaultScopes) });
    // RS-11: broken credentials → invalid_request (400).
    return challenge({
      error: "invalid_request",
      error_description: 'Send exactly one access token as "Authorization: Bearer <token>".',
    });
  }

  // RS-02..04: signature (ES256, published kid), typ, iss, aud = this resource, exp.
  const verified = await verifyAccessToken(credentials.token, {
    issuer: server.issuer,
    audience: server.resource,
    getKey: (kid) => verificationKey(ctx, kid),
    signatures: verifiedSignatures(ctx),
    now: deps.now?.(),
  });
  if (!verified.ok) {
    log.outcome = `invalid_token:${verified.reason}`;
    return challenge({ error: "invalid_token", error_description: VERIFY_FAILURES[verified.reason] });
  }
  const claims = verified.claims;
  Object.assign(log, { clientId: claims.client_id, sub: claims.sub, jti: claims.jti });
  // RFC 9449 §7: a bound token needs the DPoP scheme and a proof by its key over this request and
  // this token (ath); a bound token sent as Bearer is refused (§7.2), and so is an unbound token
  // sent as DPoP (it would claim a binding it does not have).
  const dpopFailure = await checkResourceDpop(
    request,
    ctx,
    server,
    credentials.token,
    claims.cnf?.jkt,
    dpopAuth.ok,
    deps.now?.() ?? new Date(),
  );
  if (dpopFailure) {
    log.outcome = `${dpopFailure.error}:dpop`;
    return withHeaders(dpopChallengeResponse(dpopFailure, resourceMetadata), cors);
  }
  // Revocation is immediate here (DESIGN.md "Tokens"): jti denylist, client, grant and user state.
  if (!(await isAccessTokenActive(ctx, server.id, claims))) {
    log.outcome = "invalid_token:inactive";
    return challenge({ error: "invalid_token", error_description: VERIFY_FAILURES.inactive });
  }

  if (request.method !== "POST") {
    // Stateless server: no standalone SSE stream (GET) and no session to end (DELETE). The
    // Streamable HTTP transport lets a server answer both with 405.
    log.outcome = "method_not_allowed";
    return withHeaders(jsonRpcError(405, -32000, "Method not allowed: this stateless MCP server accepts POST only."), {
      ...cors,
      Allow: "POST",
    });
  }

  // RS-05: tools/call needs the tool's scopes; every other method needs only a valid token.
  const tokenScopes = claims.scope.split(" ").filter((s) => s !== "");
  const body = await readJsonBounded(request.clone(), MAX_BODY_BYTES);
  const calls = toolCalls(body.ok ? body.value : undefined);
  log.rpc = rpcMethods(body.ok ? body.value : undefined);
  if (calls.length > 0) log.tools = calls.slice(0, 10).map((t) => t.slice(0, 64));
  const serverScopes = server.scopes.map((s) => s.name);
  const needed = [...new Set(calls.flatMap((tool) => requiredToolScopes(tool, serverScopes) ?? []))];
  if (needed.some((s) => !tokenScopes.includes(s))) {
    log.outcome = "insufficient_scope";
    return challenge({
      error: "insufficient_scope",
      error_description: `This call needs the scope ${needed.join(" ")}.`,
      // SEP-2350: every scope the operation needs, in one challenge; the client takes the union.
      scope: needed,
    });
  }

  log.outcome = "ok";
  const authInfo: AuthInfo = {
    token: credentials.token,
    clientId: claims.client_id,
    scopes: tokenScopes,
    expiresAt: claims.exp,
    resource: new URL(server.resource),
    extra: { sub: claims.sub },
  };
  const mcp = createDemoMcpServer(server);
  // Stateless (no Mcp-Session-Id): a new server and transport per request, as the SDK requires.
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: MAX_BODY_BYTES,
  });
  await mcp.connect(transport);
  try {
    const response = await transport.handleRequest(request, {
      authInfo,
      ...(body.ok ? { parsedBody: body.value } : {}),
    });
    return withHeaders(response, cors);
  } finally {
    // JSON responses are complete once handleRequest resolves; nothing outlives the request.
    await mcp.close().catch(() => undefined);
  }
}

/** The demo's MCP server. Scope checks happen at the HTTP layer (above), where a 403 challenge can be sent. */
export function createDemoMcpServer(server: Pick<OAuthServer, "name">): McpServer {
  const mcp = new McpServer(
    { name: "gatehouse-demo", title: server.name, version: "1.0.0" },
    {
      instructions:
        "Gatehouse's demo MCP server. Call whoami to see the access token you presented, or echo to test a round trip.",
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
      inputSchema: { message: z.string().max(10_000).describe("The text to send back") },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ message }) => ({ content: [{ type: "text", text: message }] }),
  );
  return mcp;
}

function challengeResponse(params: BearerChallengeParams, resourceMetadata: string): Response {
  const status = params.error ? BEARER_ERROR_STATUS[params.error] : 401;
  const body = params.error
    ? { error: params.error, error_description: params.error_description }
    : { error_description: "This MCP server needs an OAuth access token." };
  return Response.json(body, {
    status,
    headers: {
      // RFC 9728 §5.1: resource_metadata in every challenge, so the client can (re)discover.
      "WWW-Authenticate": bearerChallenge({ ...params, resource_metadata: resourceMetadata }),
      "Cache-Control": "no-store",
    },
  });
}

type DpopFailure = { error: "invalid_token" | "invalid_dpop_proof"; error_description: string };

async function checkResourceDpop(
  request: Request,
  ctx: ServiceContext,
  server: OAuthServer,
  token: string,
  jkt: string | undefined,
  dpopScheme: boolean,
  now: Date,
): Promise<DpopFailure | undefined> {
  if (!jkt && !dpopScheme) return undefined;
  if (!jkt)
    return { error: "invalid_token", error_description: "The access token is not DPoP-bound: send it as Bearer." };
  if (!dpopScheme)
    return {
      error: "invalid_token",
      error_description: 'The access token is DPoP-bound: send it as "Authorization: DPoP" with a DPoP proof.',
    };
  const header = request.headers.get("dpop");
  try {
    // htu is the resource URL on the public origin (the demo's resource is its own endpoint URL),
    // never the Host header. No server nonce at the resource: replay is stopped by the jti table
    // and the 60-second iat window.
    const proof = await verifyDpopProof({
      headerValues: header === null ? [] : [header],
      method: request.method,
      url: server.resource,
      now,
      accessToken: token,
    });
    if (proof.jkt !== jkt)
      return {
        error: "invalid_dpop_proof",
        error_description: "The DPoP proof is signed by another key than the token's.",
      };
    if (!(await rememberDpopJti(ctx, proof.jkt, proof.jti, proof.replayUntil)))
      return { error: "invalid_dpop_proof", error_description: "The DPoP proof was already used (jti replay)." };
    return undefined;
  } catch (err) {
    if (err instanceof DpopError) return { error: "invalid_dpop_proof", error_description: err.message };
    throw err;
  }
}

/** RFC 9449 §7.1: a DPoP challenge (error, algs) and a Bearer one for discovery (RFC 9728 §5.1). */
function dpopChallengeResponse(failure: DpopFailure, resourceMetadata: string): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  headers.append("WWW-Authenticate", dpopChallenge(failure));
  headers.append("WWW-Authenticate", bearerChallenge({ resource_metadata: resourceMetadata }));
  return Response.json(failure, { status: 401, headers });
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

type JsonRead = { ok: true; value: unknown } | { ok: false };

/**
 * Reads a JSON body with a byte bound. On any failure the caller hands the untouched original
 * request to the transport, which answers it properly (413, parse error, wrong content type).
 */
async function readJsonBounded(request: Request, maxBytes: number): Promise<JsonRead> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (!request.body || declared > maxBytes) return { ok: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(Buffer.concat(chunks))) as unknown };
  } catch {
    return { ok: false };
  }
}

function messagesOf(body: unknown): Record<string, unknown>[] {
  const list = Array.isArray(body) ? (body as unknown[]) : [body];
  return list.filter((m): m is Record<string, unknown> => typeof m === "object" && m !== null);
}

/** Names of the tools a JSON-RPC message or batch calls (only tools/call requests). */
function toolCalls(body: unknown): string[] {
  return messagesOf(body).flatMap((m) => {
    if (m.method !== "tools/call" || typeof m.params !== "object" || m.params === null) return [];
    const name = (m.params as Record<string, unknown>).name;
    return typeof name === "string" ? [name] : [];
  });
}

/** For the log line: at most a few JSON-RPC method names, never parameters. */
function rpcMethods(body: unknown): string[] {
  return messagesOf(body)
    .map((m) => (typeof m.method === "string" ? m.method.slice(0, 64) : "(response)"))
    .slice(0, 10);
}
