// The protocol front works in phases of the event loop, not request by request. Node's HTTP server
// hands a request to its handler as soon as the request's bytes are parsed; a handler that never
// waits on I/O (on the embedded database every one: PGlite runs its queries on this thread) then
// reads, handles and writes one connection before the next is read. Waiting for the check phase
// (setImmediate) before handling lets one poll phase read every ready connection and the handlers
// then run back to back; waiting once more before the write (FrontPhases.deferWrites) sends their
// answers back to back. Measured with `npm run bench:token` on PGlite (2 cores, c=16 / c=64), the
// two turns cut the server's CPU per demo tools/list from 0.33 to 0.21–0.25 ms and per
// introspection from 0.15 to 0.12–0.13 ms, and lowered p50 and p99 latency; the first turn alone
// gave about half of that. On PostgreSQL every handler waits on its database, and the answers of
// one batch of replies already go out together: there the second turn only delayed them (tools/list
// at c=16: 4,000 against 3,650 requests/s), so it is off. A turn costs microseconds on an idle server.

/** How the front schedules its work (see above). */
export interface FrontPhases {
  /** Write each answer one event-loop turn after its handler finished: when handlers never wait on I/O. */
  deferWrites: () => boolean;
}

/** Resolves in the check phase of this event-loop turn (after the poll phase's I/O callbacks). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Before writing an answer: a turn when the phases say so, else nothing. Never throws: when the
 * phases cannot tell (the database would not open, say), the answer, often the error saying so,
 * goes out at once rather than not at all.
 */
export async function beforeWriting(phases: FrontPhases | undefined): Promise<void> {
  let defer = false;
  try {
    defer = phases?.deferWrites() ?? false;
  } catch {
    // Write now.
  }
  if (defer) await nextTurn();
}
