// Idle demo McpServers, kept per server configuration. The SDK's stateless Streamable HTTP transport
// serves one request, so each request still gets a new transport; but building the McpServer behind
// it (three registered tools, the echo tool's zod object schema) was the largest single cost of a
// demo tools/list. An McpServer can be connected again once closed (Protocol.connect), so a closed
// one goes back to its configuration's pool and the next request connects it to its own transport.
//
// A pooled server must be indistinguishable from a new one. Only a request made of methods that
// leave no state behind returns its server: tools/list, tools/call and ping. initialize (which
// records the client's capabilities and version on the server), logging/setLevel and anything
// else are served by a server that is then dropped, as every request's server was before.
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { processWide } from "@/lib/process-state";

/** Methods after which a closed server is as new: they read the tools and the request, nothing else. */
const STATELESS_METHODS: ReadonlySet<string> = new Set(["tools/list", "tools/call", "ping"]);
/**
 * Idle servers kept per configuration: above the concurrency one process serves at once. At 32, 64
 * requests in flight dropped half their servers on the way back and built new ones (6 % of the CPU).
 * An idle server is a few kilobytes.
 */
const MAX_IDLE_PER_CONFIG = 256;
/** Configurations kept (each an array of idle servers); a new one past this empties the pool. */
const MAX_CONFIGS = 16;

/** On the process-wide registry, like every in-memory store here, whichever bundle loads this file. */
const idle = processWide("demoMcpServerPool", () => new Map<string, McpServer[]>());

/** An idle server for this configuration, or a new one from `create`. */
export function takeServer(config: string, create: () => McpServer): McpServer {
  return idle.get(config)?.pop() ?? create();
}

/**
 * Whether the server that answered this JSON-RPC body may serve another request: a single request
 * (not a batch, a response or a notification) with a stateless method.
 */
export function isReusableAfter(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const { method, id } = body as { method?: unknown; id?: unknown };
  return typeof method === "string" && STATELESS_METHODS.has(method) && id !== undefined;
}

/**
 * Closes the server (its transport has answered) and, when `reusable`, keeps it for the next
 * request with the same configuration. Closing aborts nothing here: the caller waits until the
 * SDK's request handler has finished its bookkeeping (the end of the event-loop turn).
 */
export async function releaseServer(config: string, server: McpServer, reusable: boolean): Promise<void> {
  await closeQuietly(server);
  if (!reusable || server.isConnected()) return;
  let servers = idle.get(config);
  if (!servers) {
    if (idle.size >= MAX_CONFIGS) idle.clear();
    servers = [];
    idle.set(config, servers);
  }
  if (servers.length < MAX_IDLE_PER_CONFIG) servers.push(server);
}

/** For tests: how many idle servers there are, over every configuration. */
export function idleServerCount(): number {
  let count = 0;
  for (const servers of idle.values()) count += servers.length;
  return count;
}

/**
 * server.close(), without the stack trace of the "Connection closed" McpError that the SDK builds on
 * every close for the requests the server is still waiting on (Protocol._onclose). The demo server
 * never sends the client a request, so that error reaches no one; its stack trace was 5 % of a
 * tools/list's CPU. The SDK builds it synchronously inside close(), before close's first await,
 * and nothing else runs meanwhile: the limit is back before this function returns.
 */
function closeQuietly(server: McpServer): Promise<void> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return server.close();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
