// Requests the Node server is answering right now, and the servers that accepted them: what
// graceful shutdown (lib/shutdown.ts) waits for and closes. Fed by the same diagnostics channel as
// lib/http/front-door.ts ("http.server.request.start" carries the request, its response and the
// server), because `next start` hands no reference to its http.Server to application code.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { processWide } from "@/lib/process-state";

interface InFlight {
  responses: Set<ServerResponse>;
  servers: Set<Server>;
  /** Set once shutdown begins: no new connection is accepted, keep-alive ends after each response. */
  draining: boolean;
  onIdle: (() => void)[];
}

const state = processWide<InFlight>("http.inFlight", () => ({
  responses: new Set(),
  servers: new Set(),
  draining: false,
  onIdle: [],
}));

interface RequestStart {
  request: IncomingMessage;
  response: ServerResponse;
  server: Server;
}

function track({ response, server }: RequestStart): void {
  if (!state.servers.has(server)) {
    state.servers.add(server);
    // A request that arrived on a server we had not seen yet, after shutdown began: close it too.
    if (state.draining) closeServer(server);
  }
  state.responses.add(response);
  if (state.draining) response.shouldKeepAlive = false;
  // 'close' follows both a finished response and a connection the client dropped.
  response.once("close", () => {
    state.responses.delete(response);
    if (state.responses.size === 0) for (const resolve of state.onIdle.splice(0)) resolve();
  });
}

/** Subscribes once per process (instrumentation may run more than once in dev). */
export function installInFlightTracking(): void {
  const registry = globalThis as unknown as { __gatehouseInFlight?: boolean };
  if (registry.__gatehouseInFlight) return;
  registry.__gatehouseInFlight = true;
  subscribe("http.server.request.start", (message) => track(message as RequestStart));
}

export function inFlightCount(): number {
  return state.responses.size;
}

function closeServer(server: Server): void {
  // Stops listening and closes idle keep-alive connections; busy ones end after their response.
  server.close(() => undefined);
}

/**
 * Stops accepting connections and waits (at most `timeoutMs`) for the requests in flight to be
 * answered; then closes every connection still open. Returns how many requests were cut off.
 */
export async function drainRequests(timeoutMs: number): Promise<number> {
  state.draining = true;
  for (const server of state.servers) closeServer(server);
  // Responses not yet sent announce "Connection: close", so clients do not reuse the connection.
  for (const response of state.responses) if (!response.headersSent) response.shouldKeepAlive = false;
  if (state.responses.size > 0) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => state.onIdle.push(resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }
  const cutOff = state.responses.size;
  for (const server of state.servers) server.closeAllConnections();
  return cutOff;
}
