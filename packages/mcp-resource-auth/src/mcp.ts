// What the official MCP SDK needs from a verified request: its AuthInfo (the SDK's transports hand
// it to tool handlers as `extra.authInfo`), and which scopes a JSON-RPC body needs (per tool).
import type { VerifiedAccess } from "./verifier.ts";

/** Structurally the SDK's AuthInfo (@modelcontextprotocol/sdk/server/auth/types.js). */
export interface McpAuthInfo {
  token: string;
  clientId: string;
  scopes: string[];
  expiresAt?: number;
  resource?: URL;
  extra?: Record<string, unknown>;
}

export function toAuthInfo(access: VerifiedAccess, resource: string): McpAuthInfo {
  return {
    token: access.token,
    clientId: access.clientId,
    scopes: access.scopes,
    expiresAt: access.expiresAt,
    resource: new URL(resource),
    extra: { sub: access.subject, ...(access.jkt ? { jkt: access.jkt } : {}) },
  };
}

function messagesOf(body: unknown): Record<string, unknown>[] {
  const list = Array.isArray(body) ? (body as unknown[]) : [body];
  return list.filter((m): m is Record<string, unknown> => typeof m === "object" && m !== null);
}

/** Names of the tools a JSON-RPC message or batch calls (tools/call requests only). */
export function toolCalls(body: unknown): string[] {
  return messagesOf(body).flatMap((m) => {
    if (m.method !== "tools/call" || typeof m.params !== "object" || m.params === null) return [];
    const name = (m.params as Record<string, unknown>).name;
    return typeof name === "string" ? [name] : [];
  });
}

/** For logs: at most ten JSON-RPC method names, never parameters. */
export function rpcMethods(body: unknown): string[] {
  return messagesOf(body)
    .map((m) => (typeof m.method === "string" ? m.method.slice(0, 64) : "(response)"))
    .slice(0, 10);
}

/**
 * The scopes a JSON-RPC body needs: the union of its called tools' scopes. Every other method
 * (initialize, tools/list, …) needs only a valid token. Unknown tools need nothing here: the MCP
 * layer answers them with a JSON-RPC error.
 */
export function scopesForToolCalls(body: unknown, toolScopes: Readonly<Record<string, readonly string[]>>): string[] {
  return [...new Set(toolCalls(body).flatMap((tool) => (Object.hasOwn(toolScopes, tool) ? toolScopes[tool]! : [])))];
}
