// npm run bench:register — Dynamic Client Registration throughput against a production build
// (`npm start`'s server), on loopback only, with the open policy and the per-IP rate limit off:
//   1. public registrations/s (token_endpoint_auth_method "none"), each with its own client_name,
//      so each one stores a new client;
//   2. confidential registrations/s (client_secret_basic: a secret is generated and hashed);
//   3. identical public registrations/s: the same metadata again and again, which Gatehouse answers
//      with the existing client (201, same client_id, no write) — and proof that they collapsed:
//      every response carried one client_id, and the Clients list (admin API) holds one row.
// Each measurement: BENCH_WARMUP (2) s warm-up + BENCH_SECONDS (10) s at BENCH_CONCURRENCY (16)
// requests in flight over as many keep-alive connections. The /api/health ceiling (a bare route
// handler) is measured first, so the figures can be read as a fraction of it. The CPU columns: the
// server, the load generator (this process), a local PostgreSQL, and other work on the machine.
// Data: a fresh throw-away PGlite folder seeded through the CLI before the server starts; with
// DATABASE_URL set, the same again on a fresh PostgreSQL database (dropped at the end).
// BENCH_BUILD=1 rebuilds .next first (run it under `flock /tmp/gatehouse-e2e.lock` in a shared tree).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  assertLoopback,
  BIN,
  cleanups,
  cliJson,
  createPgDatabase,
  fmt,
  freePort,
  groupCpuSeconds,
  installSignalCleanup,
  machineBusySeconds,
  otherCores,
  postgresCpuSeconds,
  run,
  runCleanups,
  snapshotBuild,
  startNext,
} from "./harness";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const CB = "http://127.0.0.1:33418/callback";

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  networkErrors: number;
  sample?: string;
  /** client_id of every measured 201, counted (collapse check). */
  clientIds: Map<string, number>;
}

/** `concurrency` workers, each a loop of requests over its own keep-alive connection; `body(worker, i)` per request. */
async function load(
  url: string,
  headers: Record<string, string>,
  body: (worker: number, i: number) => string | undefined,
  method: "GET" | "POST",
): Promise<LoadResult> {
  assertLoopback(url);
  const u = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY, maxFreeSockets: CONCURRENCY });
  const start = performance.now();
  const measureFrom = start + WARMUP * 1000;
  const end = measureFrom + SECONDS * 1000;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const clientIds = new Map<string, number>();
  let networkErrors = 0;
  let sample: string | undefined;

  const once = (payload: string | undefined) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const buf = payload === undefined ? undefined : Buffer.from(payload);
      const req = http.request(
        {
          hostname: u.hostname,
          port: u.port,
          path: u.pathname + u.search,
          method,
          agent,
          headers: { ...headers, ...(buf ? { "content-length": String(buf.length) } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(buf);
    });

  const worker = async (w: number) => {
    for (let i = 0; performance.now() < end; i++) {
      const t0 = performance.now();
      let r: { status: number; text: string };
      try {
        r = await once(body(w, i));
      } catch (err) {
        networkErrors++;
        sample ??= `network error: ${(err as Error).message}`;
        await new Promise((res) => setTimeout(res, 10));
        continue;
      }
      const t1 = performance.now();
      if (t1 < measureFrom || t1 > end) continue;
      latencies.push(t1 - t0);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 201) {
        const id = (JSON.parse(r.text) as { client_id?: string }).client_id ?? "?";
        clientIds.set(id, (clientIds.get(id) ?? 0) + 1);
      } else if (r.status !== 200) sample ??= `HTTP ${r.status}: ${r.text.slice(0, 300)}`;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? NaN;
  return {
    requests: latencies.length,
    rps: latencies.length / SECONDS,
    p50: pct(50),
    p99: pct(99),
    statuses,
    networkErrors,
    sample,
    clientIds,
  };
}

function header() {
  console.log(
    `  ${"measurement".padEnd(52)} ${"conc".padStart(4)} ${"req/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(6)}  ${"srv CPU ms/req".padStart(14)} ${"srv cores".padStart(9)} ${"loadgen cores".padStart(13)} ${"pg cores".padStart(8)} ${"other cores".padStart(11)}`,
  );
}

async function measure(
  label: string,
  pgid: number,
  go: () => Promise<LoadResult>,
  ok: (status: number) => boolean,
): Promise<LoadResult> {
  // The load generator runs in this process: its CPU is this process's. "other cores" is what the
  // rest of the machine took meanwhile (anything above ~0.1 skews the row).
  const cpu0 = groupCpuSeconds(pgid);
  const busy0 = machineBusySeconds();
  const pg0 = postgresCpuSeconds();
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await go();
  const wall = (performance.now() - t0) / 1000;
  const cpu = groupCpuSeconds(pgid) - cpu0;
  const self = process.cpuUsage(self0);
  const loadgenCores = (self.user + self.system) / 1e6 / wall;
  const pgCores = (postgresCpuSeconds() - pg0) / wall;
  const other = otherCores((machineBusySeconds() - busy0) / wall, cpu / wall, loadgenCores, pgCores);
  const bad = Object.entries(r.statuses).reduce((n, [s, c]) => (ok(Number(s)) ? n : n + c), 0) + r.networkErrors;
  console.log(
    `  ${label.padEnd(52)} ${String(CONCURRENCY).padStart(4)} ${fmt(r.rps).padStart(8)} ${fmt(r.p50, 1).padStart(7)} ${fmt(r.p99, 1).padStart(7)} ${String(bad).padStart(6)}  ${fmt((cpu / (r.rps * wall)) * 1000, 2).padStart(14)} ${fmt(cpu / wall, 2).padStart(9)} ${fmt(loadgenCores, 2).padStart(13)} ${fmt(pgCores, 2).padStart(8)} ${fmt(other, 2).padStart(11)}`,
  );
  if (bad > 0)
    console.log(
      `      ! ${bad} failed: ${JSON.stringify(r.statuses)}${r.networkErrors ? ` + ${r.networkErrors} network errors` : ""}; first: ${r.sample}`,
    );
  return r;
}

async function benchGatehouse(
  label: string,
  dbEnv: Record<string, string>,
  workDir: string,
  appDir: string,
): Promise<void> {
  console.log(`\nGatehouse on ${label}`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...dbEnv,
    GATEHOUSE_URL: `http://localhost:${port}`,
    NODE_ENV: "production",
  };
  if (!dbEnv.DATABASE_URL) delete env.DATABASE_URL;

  // Seed through the CLI while no server holds the database: an MCP server with open DCR and no
  // rate limit, and a read-only API key to count clients afterwards.
  const t = performance.now();
  await run(
    BIN("tsx"),
    [
      "scripts/cli.ts",
      "server:create",
      "--name",
      "Bench",
      "--slug",
      "bench",
      "--resource",
      `http://localhost:${port}/mcp/bench`,
      "--scope",
      "mcp:tools",
      "--dcr-mode",
      "OPEN",
      "--dcr-rate-limit",
      "0",
    ],
    env,
  );
  const { token: apiKey } = cliJson<{ token: string }>(
    await run(BIN("tsx"), ["scripts/cli.ts", "apikey:create", "--name", "bench", "--role", "VIEWER", "--json"], env),
  );
  console.log(
    `  seeded server "bench" (DCR open, rate limit off) and a viewer API key via the CLI in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const logFile = path.join(workDir, `next-${label.split(" ")[0]!.toLowerCase()}.log`);
  // BENCH_CPU_PROF=1: a V8 CPU profile of the server, kept in the work folder (printed at the end).
  const profDir = process.env.BENCH_CPU_PROF === "1" ? path.join(workDir, `cpuprof-${label.toLowerCase()}`) : undefined;
  const server = await startNext(appDir, port, env, logFile, profDir);
  console.log(`  server up on ${base} (pid ${server.pid}, log ${logFile})`);
  try {
    const registerUrl = `${base}/oauth/bench/register`;
    const json = { "content-type": "application/json", accept: "application/json" };
    const countClients = async (q: string) => {
      const res = await fetch(`${base}/api/v1/servers/bench/clients?q=${encodeURIComponent(q)}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      if (!res.ok) throw new Error(`client list answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { total: number }).total;
    };

    // Correctness first: one registration, and the policy is the one we meant.
    const probe = await fetch(registerUrl, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ redirect_uris: [CB], token_endpoint_auth_method: "none", client_name: "probe" }),
    });
    if (probe.status !== 201) throw new Error(`register answered ${probe.status}: ${await probe.text()}`);

    header();
    const tag = `r${randomBytes(3).toString("hex")}`;
    await measure(
      "GET /api/health (ceiling)",
      server.pid,
      () => load(`${base}/api/health`, {}, () => undefined, "GET"),
      (s) => s === 200,
    );
    const pub = await measure(
      "POST /register public, each new (201)",
      server.pid,
      () =>
        load(
          registerUrl,
          json,
          (w, i) =>
            JSON.stringify({
              redirect_uris: [CB],
              token_endpoint_auth_method: "none",
              client_name: `${tag}-pub-${w}-${i}`,
              software_id: "bench",
            }),
          "POST",
        ),
      (s) => s === 201,
    );
    const conf = await measure(
      "POST /register confidential, each new (201)",
      server.pid,
      () =>
        load(
          registerUrl,
          json,
          (w, i) =>
            JSON.stringify({
              redirect_uris: [CB],
              token_endpoint_auth_method: "client_secret_basic",
              client_name: `${tag}-conf-${w}-${i}`,
            }),
          "POST",
        ),
      (s) => s === 201,
    );
    const same = JSON.stringify({
      redirect_uris: [CB],
      token_endpoint_auth_method: "none",
      client_name: `${tag}-same`,
      software_id: "bench",
      application_type: "native",
    });
    const ident = await measure(
      "POST /register identical public (201, collapsed)",
      server.pid,
      () => load(registerUrl, json, () => same, "POST"),
      (s) => s === 201,
    );

    const pubOk = pub.statuses["201"] ?? 0;
    const confOk = conf.statuses["201"] ?? 0;
    const identOk = ident.statuses["201"] ?? 0;
    const sameRows = await countClients(`${tag}-same`);
    const distinctPub = pub.clientIds.size;
    console.log(`\n  Registrations per second at concurrency ${CONCURRENCY} (open policy, rate limit off):`);
    console.log(
      `    public, each a new client:        ${fmt(pub.rps)} /s  (${fmt(pubOk)} stored in ${SECONDS} s; ${fmt(distinctPub)} distinct client_ids)`,
    );
    console.log(`    confidential, each a new client:  ${fmt(conf.rps)} /s  (${fmt(confOk)} stored)`);
    console.log(
      `    identical public registrations:   ${fmt(ident.rps)} /s  (answered from the existing client, no write)`,
    );
    const collapsed = ident.clientIds.size === 1 && sameRows === 1;
    console.log(
      `  Collapse: ${fmt(identOk)} identical public registrations (plus warm-up) → ${ident.clientIds.size} client_id in the responses, ${sameRows} row in the Clients list — ${collapsed ? "collapsed onto one client" : "NOT collapsed"}.`,
    );
    if (!collapsed) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

async function main() {
  const started = performance.now();
  console.log(
    `DCR registration benchmark: ${WARMUP} s warm-up + ${SECONDS} s per measurement, concurrency ${CONCURRENCY}, loopback only`,
  );
  console.log(
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const workDir = mkdtempSync(path.join(os.tmpdir(), "gh-bench-register-"));
  if (process.env.BENCH_CPU_PROF === "1") console.log(`CPU profiles and logs are kept in ${workDir}`);
  else cleanups.unshift(() => rmSync(workDir, { recursive: true, force: true }));
  try {
    const appDir = await snapshotBuild(workDir);
    await benchGatehouse("PGlite", { GATEHOUSE_DATA_DIR: path.join(workDir, "data") }, workDir, appDir);
    if (process.env.DATABASE_URL) {
      const { url, drop } = await createPgDatabase(process.env.DATABASE_URL);
      cleanups.push(drop);
      const secret =
        process.env.GATEHOUSE_SECRET && process.env.GATEHOUSE_SECRET.length >= 32
          ? process.env.GATEHOUSE_SECRET
          : randomBytes(32).toString("base64url");
      await benchGatehouse(
        "PostgreSQL",
        { DATABASE_URL: url, GATEHOUSE_SECRET: secret, GATEHOUSE_DATA_DIR: path.join(workDir, "data-pg") },
        workDir,
        appDir,
      );
    }
  } finally {
    await runCleanups();
  }
  console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

installSignalCleanup();
try {
  await main();
  process.exit(process.exitCode ?? 0);
} catch (err) {
  console.error(`\nbench:register failed: ${(err as Error).stack ?? err}`);
  await runCleanups();
  process.exit(1);
}
