// The protocol front works in phases of the event loop, not request by request. Node's HTTP server
// hands a request to its handler as soon as the request's bytes are parsed; a handler that never
// waits on I/O (the demo MCP server answering from memory, introspection of a token the embedded
// database's memory knows) then reads, handles and writes one connection before the next is read.
// Waiting for the check phase (setImmediate) before handling lets one poll phase read every ready
// connection, the handlers then run back to back, and waiting once more before the write sends the
// answers back to back. Measured with `npm run bench:token` on PGlite (2 cores, c=16 / c=64), this
// cut the server's CPU per demo tools/list from 0.33 to 0.21–0.25 ms and per introspection from
// 0.15 to 0.12–0.13 ms, and lowered p50 and p99 latency; a handler that waits on its database
// anyway (PostgreSQL) already worked this way, which is why the same code cost less there. The cost
// is two turns of the event loop, microseconds on an idle server.

/** Resolves in the check phase of this event-loop turn (after the poll phase's I/O callbacks). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
