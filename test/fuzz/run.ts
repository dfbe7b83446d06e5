// Sends fuzz requests to a loopback server over node:http (which, unlike fetch, sends any method
// and any percent-encoded path as given) and tallies what came back. A request that gets no answer
// within `timeoutMs` is a hang; any 5xx is a failure; a connection closed after the server refused a
// large body it did not read (Connection: close) is neither, and counted apart; a connection closed
// without an answer to a small request is a lost answer, a failure.
import http from "node:http";
import fc from "fast-check";
import { fuzzRequests, type FuzzContext, type FuzzRequest } from "./requests";

export interface FuzzReport {
  requests: number;
  seed: number;
  seconds: number;
  statuses: Record<string, number>;
  bySurface: Record<string, Record<string, number>>;
  /** Requests answered 5xx, with the start of the answer. */
  serverErrors: { request: string; status: number; body: string }[];
  /** Requests not answered within the timeout. */
  hangs: string[];
  /** Connections closed before an answer to a body over 64 KiB or chunked (refused unread: expected). */
  resets: string[];
  /** Connections closed before an answer to anything else: a failure. */
  lostAnswers: string[];
}

export function describeRequest(r: FuzzRequest): string {
  const body = r.body
    ? ` body(${r.body.length}${r.chunked ? ", chunked" : ""}): ${r.body.subarray(0, 160).toString()}`
    : "";
  return `${r.method} ${r.path.slice(0, 300)} ${JSON.stringify(r.headers)}${body}`;
}

export function send(
  base: URL,
  agent: http.Agent,
  r: FuzzRequest,
  timeoutMs: number,
): Promise<{ status: number; body: string } | "timeout" | "reset"> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (v: { status: number; body: string } | "timeout" | "reset") => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(v);
    };
    const headers: Record<string, string | number> = { ...r.headers };
    if (r.body && !r.chunked) headers["content-length"] = r.body.length;
    // A body the server may refuse unread (chunked or large) gets a connection of its own: the server
    // closes it after refusing, and Node's agent could otherwise hand it to the next request.
    const own = r.chunked || (r.body?.length ?? 0) > 64 * 1024;
    const req = http.request(
      { hostname: base.hostname, port: base.port, method: r.method, path: r.path, headers, agent: own ? false : agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.length < 4 && chunks.push(c));
        res.on("end", () =>
          done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString().slice(0, 400) }),
        );
        res.on("error", () => done({ status: res.statusCode ?? 0, body: "(response cut short)" }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      done("timeout");
    }, timeoutMs);
    req.on("error", () => done("reset"));
    if (!r.body) return void req.end();
    if (!r.chunked) return void req.end(r.body);
    // Chunked: a few writes without a declared length.
    const step = Math.max(1, Math.ceil(r.body.length / 4));
    for (let i = 0; i < r.body.length; i += step) req.write(r.body.subarray(i, i + step));
    req.end();
  });
}

export async function runFuzz(
  baseUrl: string,
  context: FuzzContext,
  opts: { runs: number; seed: number; concurrency: number; timeoutMs: number; onProgress?: (done: number) => void },
): Promise<FuzzReport> {
  const base = new URL(baseUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname)) throw new Error(`loopback only, not ${baseUrl}`);
  const requests = fc.sample(fuzzRequests(context), { numRuns: opts.runs, seed: opts.seed });
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const report: FuzzReport = {
    requests: 0,
    seed: opts.seed,
    seconds: 0,
    statuses: {},
    bySurface: {},
    serverErrors: [],
    hangs: [],
    resets: [],
    lostAnswers: [],
  };
  const started = performance.now();
  let next = 0;
  let previous = "(none)";
  let lastStatus = "";
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++]!;
      const result = await send(base, agent, r, opts.timeoutMs);
      report.requests++;
      const key = typeof result === "string" ? result : String(result.status);
      report.statuses[key] = (report.statuses[key] ?? 0) + 1;
      const surface = (report.bySurface[r.surface] ??= {});
      surface[key] = (surface[key] ?? 0) + 1;
      if (result === "timeout") report.hangs.push(describeRequest(r));
      else if (result === "reset")
        (r.chunked || (r.body?.length ?? 0) > 64 * 1024 ? report.resets : report.lostAnswers).push(
          describeRequest(r) + (opts.concurrency === 1 ? `\n    after ${previous} → ${lastStatus}` : ""),
        );
      else if (result.status >= 500)
        report.serverErrors.push({ request: describeRequest(r), status: result.status, body: result.body });
      if (report.requests % 1000 === 0) opts.onProgress?.(report.requests);
      previous = describeRequest(r).slice(0, 400);
      lastStatus = key;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  agent.destroy();
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

export function formatReport(r: FuzzReport): string {
  const sorted = (o: Record<string, number>) =>
    Object.entries(o)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ");
  const lines = [
    `${r.requests} requests in ${r.seconds.toFixed(1)} s (seed ${r.seed}): ${r.serverErrors.length} 5xx, ${r.hangs.length} hangs, ${r.lostAnswers.length} lost answers, ${r.resets.length} connections closed after a refused body`,
    `statuses: ${sorted(r.statuses)}`,
    ...Object.entries(r.bySurface)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([s, st]) => `  ${s.padEnd(16)} ${sorted(st)}`),
  ];
  for (const e of r.serverErrors.slice(0, 10)) lines.push(`5xx ${e.status}: ${e.request}\n    → ${e.body}`);
  for (const h of r.hangs.slice(0, 5)) lines.push(`hang: ${h}`);
  for (const h of r.lostAnswers.slice(0, 5)) lines.push(`lost answer: ${h}`);
  return lines.join("\n");
}
