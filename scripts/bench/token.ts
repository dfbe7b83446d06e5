// npm run bench:token (or: npm run bench token) — throughput and latency of the hot OAuth endpoints
// against the production server (`npm start`), on loopback only:
//   1. the ceiling: the app's own trivial JSON route GET /api/health (a bare Next.js route handler
//      answers only ~2,000 req/s on 2 cores, DESIGN.md "Known pitfalls"), so every figure is also
//      given as a fraction of it;
//   2. client-credentials tokens/s (POST /oauth/{slug}/token, client_secret_basic);
//   3. introspection requests/s (POST /oauth/{slug}/introspect of a token from step 2);
//   3b. the demo MCP server: tools/list at /mcp/{slug} with that token, verified by the verifier package;
//   (2, 3 and 3b are answered by the protocol front of the production server, `npm start`:
//   server/main.ts, on Node's req/res before Next.js; the ceiling row goes through Next.js);
//   4. node-oidc-provider (in-memory adapter) doing the same client-credentials grant, as a yardstick:
//      opaque tokens (its default) and ES256 JWTs via resourceIndicators (like Gatehouse's tokens);
//      its introspection endpoint (opaque tokens, which it looks up in memory), and a resource route
//      in the same process that checks the ES256 JWT with jose (signature, iss, aud, exp) and answers
//      a JSON-RPC tools/list: the yardsticks of rows 3 and 3b (issue 17's goals).
// Goal: token and introspection throughput ≥ 0.8 × the /api/health ceiling.
//
// Processes: this script only orchestrates. The server under test (`npm start`'s, or oidc-provider)
// runs in its own child process, and the load generator in another (node:http with a keep-alive
// Agent, exactly `concurrency` connections and in-flight requests), so they don't share one event
// loop; they still share the machine's cores, which the output states, with the cores that other
// work on the machine took meanwhile ("other cores": anything above ~0.1 skews that row; a local
// PostgreSQL's own processes are counted apart, "pg cores"). Servers run
// one at a time. The build is served from a snapshot of .next in the temp folder, so a `next build`
// by someone else in this tree during the run cannot pull it away.
// Data: a fresh throw-away PGlite folder, seeded through the CLI before the server starts (PGlite
// holds its folder for one process); with DATABASE_URL set, the Gatehouse part runs again on a
// fresh PostgreSQL database (CREATE DATABASE gh_bench_<random>, dropped at the end).
// Every target gets one unmeasured warm-up pass before the first measured row, then BENCH_ROUNDS
// (2) interleaved measured rounds; the ratios use each target's best round (ceiling included).
// Knobs: BENCH_SECONDS (10), BENCH_WARMUP (2), BENCH_CONCURRENCY ("16,64"), BENCH_BUILD=1 (rebuild),
// BENCH_TARGETS ("health,token,introspect,resource": Gatehouse's rows to measure),
// BENCH_SKIP_OIDC=1, BENCH_CPU_PROF=1 (write V8 CPU profiles of the Next.js server into the temp
// folder, which is then kept).
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
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
  otherCores as otherCoresOf,
  pidCpuSeconds,
  postgresCpuSeconds,
  ROOT,
  run,
  runCleanups,
  snapshotBuild,
  startNext,
} from "./harness";

const SELF = fileURLToPath(import.meta.url);

interface LoadSpec {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  statuses: Record<string, number>;
  networkErrors: number;
  sample?: string;
  loadgenCpu: number; // fraction of one core used by the load generator during the measured window
}

// ---------------------------------------------------------------------------------------------
// Child role 1: the load generator.
// ---------------------------------------------------------------------------------------------

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  assertLoopback(spec.url);
  const url = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency, maxFreeSockets: spec.concurrency });
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body);
  const headers = { ...spec.headers, ...(body ? { "content-length": String(body.length) } : {}) };
  const options: http.RequestOptions = {
    hostname: url.hostname,
    port: url.port,
    path: url.pathname + url.search,
    method: spec.method,
    headers,
    agent,
  };

  const once = () =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });

  const start = performance.now();
  const measureFrom = start + spec.warmupMs;
  const end = measureFrom + spec.durationMs;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let networkErrors = 0;
  let ok = 0;
  let sample: string | undefined;
  let cpuAtMeasure: NodeJS.CpuUsage | undefined;

  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      let status = 0;
      let text = "";
      try {
        ({ status, text } = await once());
      } catch (err) {
        networkErrors++;
        sample ??= `network error: ${(err as Error).message}`;
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      const t1 = performance.now();
      if (t1 < measureFrom || t1 > end) continue;
      cpuAtMeasure ??= process.cpuUsage();
      latencies.push(t1 - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) ok++;
      else sample ??= `HTTP ${status}: ${text.slice(0, 300)}`;
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  const cpu = process.cpuUsage(cpuAtMeasure);
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? NaN;
  const seconds = spec.durationMs / 1000;
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: pct(50),
    p99: pct(99),
    max: latencies.at(-1) ?? NaN,
    ok,
    statuses,
    networkErrors,
    sample,
    loadgenCpu: (cpu.user + cpu.system) / 1e6 / seconds,
  };
}

function loadWorkerMain() {
  process.on("message", (msg: { type: "run"; spec: LoadSpec }) => {
    if (msg.type !== "run") return;
    runLoad(msg.spec).then(
      (result) => process.send?.({ type: "result", result }),
      (err: unknown) => process.send?.({ type: "error", message: (err as Error).message }),
    );
  });
  process.on("disconnect", () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------
// Child role 2: node-oidc-provider on a loopback port.
// ---------------------------------------------------------------------------------------------

async function oidcProviderMain(port: number, format: "opaque" | "jwt", clientId: string, clientSecret: string) {
  const spec = "oidc-provider"; // untyped package: a non-literal specifier keeps tsc from looking for types
  const { default: Provider } = (await import(spec)) as {
    default: new (issuer: string, config: Record<string, unknown>) => OidcProvider;
  };
  const { generateKeyPair, exportJWK } = await import("jose");
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "bench", alg: "ES256", use: "sig" };
  const issuer = `http://localhost:${port}`;
  const resource = `http://localhost:${port}/mcp/bench`;
  const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  const provider = new Provider(issuer, {
    jwks: { keys: [jwk] },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: "client_secret_basic",
        id_token_signed_response_alg: "ES256",
        scope: "mcp:tools",
      },
    ],
    scopes: ["mcp:tools"],
    ttl: { ClientCredentials: 3600 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      ...(format === "jwt"
        ? {
            resourceIndicators: {
              enabled: true,
              defaultResource: () => resource,
              useGrantedResource: () => true,
              getResourceServerInfo: () => ({
                scope: "mcp:tools",
                audience: resource,
                accessTokenTTL: 3600,
                accessTokenFormat: "jwt",
                jwt: { sign: { alg: "ES256" } },
              }),
            },
          }
        : {}),
    },
  });
  provider.on("server_error", (_ctx: unknown, err: Error) => console.error("oidc-provider server_error:", err));
  // The resource route: what an MCP server in front of oidc-provider does at the least (no MCP SDK).
  const { importJWK, jwtVerify } = await import("jose");
  const key = await importJWK(publicJwk, "ES256");
  const tools = { tools: [{ name: "echo", description: "Echoes a message", inputSchema: { type: "object" } }] };
  provider.use(async (ctx, next) => {
    if (ctx.path !== "/mcp/bench") return next();
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    const rpc = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id?: unknown };
    const auth = ctx.get("authorization");
    try {
      await jwtVerify(auth.startsWith("Bearer ") ? auth.slice(7) : "", key, { issuer, audience: resource });
      ctx.type = "application/json";
      ctx.body = JSON.stringify({ jsonrpc: "2.0", id: rpc.id ?? null, result: tools });
    } catch {
      ctx.status = 401;
      ctx.set("WWW-Authenticate", 'Bearer error="invalid_token"');
    }
  });
  const server = provider.listen(port, "127.0.0.1", () => process.send?.({ type: "ready" }));
  process.on("disconnect", () => server.close(() => process.exit(0)));
}

interface KoaContext {
  path: string;
  req: http.IncomingMessage;
  status: number;
  type: string;
  body: unknown;
  get(name: string): string;
  set(name: string, value: string): void;
}

interface OidcProvider {
  on(event: string, fn: (...args: never[]) => void): void;
  use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  listen(port: number, host: string, cb: () => void): http.Server;
}

// ---------------------------------------------------------------------------------------------
// The orchestrator.
// ---------------------------------------------------------------------------------------------

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? "16,64").split(",").map((s) => Number(s.trim()));
const CPU_PROF = process.env.BENCH_CPU_PROF === "1";
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
/** Which of Gatehouse's rows to measure (all by default): a profile of one endpoint is then its alone. */
const TARGETS = (process.env.BENCH_TARGETS ?? "health,token,introspect,resource").split(",").map((s) => s.trim());

let loadWorker: ChildProcess | undefined;

function childArgs(
  role: string,
  ...args: string[]
): [string, string[], { cwd: string; execArgv: string[]; stdio: ("inherit" | "ipc")[] }] {
  // Children run this same file through tsx's loader.
  return [
    SELF,
    [role, ...args],
    { cwd: ROOT, execArgv: ["--import", "tsx"], stdio: ["inherit", "inherit", "inherit", "ipc"] },
  ];
}

function startLoadWorker(): ChildProcess {
  const child = fork(...childArgs("--load-worker"));
  cleanups.push(() => void child.kill());
  return child;
}

function load(spec: LoadSpec): Promise<LoadResult> {
  const worker = (loadWorker ??= startLoadWorker());
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { type: string; result?: LoadResult; message?: string }) => {
      worker.off("message", onMessage);
      worker.off("exit", onExit);
      if (msg.type === "result" && msg.result) resolve(msg.result);
      else reject(new Error(`load generator: ${msg.message}`));
    };
    const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
    worker.on("message", onMessage);
    worker.once("exit", onExit);
    worker.send({ type: "run", spec });
  });
}

interface Row {
  target: string;
  concurrency: number;
  result: LoadResult;
  serverCpuMsPerReq: number;
  serverCores: number;
  /** Cores busy with anything but the server and the load generator (other work on the machine skews the figures). */
  otherCores: number;
  postgresCores: number;
}

const rows: Row[] = [];

async function measure(
  target: string,
  serverCpu: () => number,
  spec: Omit<LoadSpec, "concurrency" | "warmupMs" | "durationMs">,
  concurrency: number,
): Promise<Row> {
  // Server CPU is sampled around the whole run (warm-up included) and scaled to its length.
  const cpu0 = serverCpu();
  const busy0 = machineBusySeconds();
  const pg0 = postgresCpuSeconds();
  const t0 = performance.now();
  const result = await load({ ...spec, concurrency, warmupMs: WARMUP * 1000, durationMs: SECONDS * 1000 });
  const wall = (performance.now() - t0) / 1000;
  const cpu = serverCpu() - cpu0;
  const busy = machineBusySeconds() - busy0;
  const postgresCores = (postgresCpuSeconds() - pg0) / wall;
  const totalRequestsEstimate = result.rps * wall;
  const serverCores = cpu / wall;
  const otherCores = otherCoresOf(busy / wall, serverCores, result.loadgenCpu, postgresCores);
  const row: Row = {
    target,
    concurrency,
    result,
    serverCpuMsPerReq: (cpu / totalRequestsEstimate) * 1000,
    serverCores,
    otherCores,
    postgresCores,
  };
  rows.push(row);
  printRow(row);
  return row;
}

function printHeader() {
  console.log(
    `  ${"target".padEnd(46)} ${"conc".padStart(4)} ${"req/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"non-2xx".padStart(7)}  ${"srv CPU ms/req".padStart(14)} ${"srv cores".padStart(9)} ${"loadgen cores".padStart(13)} ${"pg cores".padStart(8)} ${"other cores".padStart(11)}`,
  );
}

function printRow({ target, concurrency, result: r, serverCpuMsPerReq, serverCores, otherCores, postgresCores }: Row) {
  const bad = r.requests - r.ok + r.networkErrors;
  console.log(
    `  ${target.padEnd(46)} ${String(concurrency).padStart(4)} ${fmt(r.rps).padStart(8)} ${fmt(r.p50, 1).padStart(7)} ${fmt(r.p99, 1).padStart(7)} ${String(bad).padStart(7)}  ${fmt(serverCpuMsPerReq, 2).padStart(14)} ${fmt(serverCores, 2).padStart(9)} ${fmt(r.loadgenCpu, 2).padStart(13)} ${fmt(postgresCores, 2).padStart(8)} ${fmt(otherCores, 2).padStart(11)}`,
  );
  if (bad > 0)
    console.log(
      `      ! ${bad} failed: ${JSON.stringify(r.statuses)}${r.networkErrors ? ` + ${r.networkErrors} network errors` : ""}; first: ${r.sample}`,
    );
}

interface Figures {
  health: Map<number, Row>;
  token: Map<number, Row>;
  introspect: Map<number, Row>;
  resource: Map<number, Row>;
}

async function benchGatehouse(
  label: string,
  detail: string,
  dbEnv: Record<string, string>,
  workDir: string,
  appDir: string,
): Promise<Figures> {
  console.log(`\nGatehouse on ${label}${detail}`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...dbEnv,
    GATEHOUSE_URL: `http://localhost:${port}`,
    NODE_ENV: "production",
  };
  if (!dbEnv.DATABASE_URL) delete env.DATABASE_URL;

  // Seed through the CLI while no server holds the database.
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
    ],
    env,
  );
  const out = await run(
    BIN("tsx"),
    ["scripts/cli.ts", "client:create", "--server", "bench", "--name", "bench", "--scope", "mcp:tools", "--json"],
    env,
  );
  const created = cliJson<{ client: { clientId: string; flow?: string }; clientSecret: string | null }>(out);
  if (!created.clientSecret) throw new Error(`client:create returned no secret: ${out}`);
  console.log(
    `  seeded server "bench" and client ${created.client.clientId} (${created.client.flow ?? "?"}) via the CLI in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const logFile = path.join(workDir, `next-${label.split(" ")[0]!.toLowerCase()}.log`);
  const profDir = CPU_PROF ? path.join(workDir, `cpuprof-${label.split(" ")[0]!.toLowerCase()}`) : undefined;
  if (profDir) console.log(`  a CPU profile of the server goes to ${profDir}`);
  // startNext copies prisma/migrations into the snapshot first: the server checks that every
  // migration the CLI just applied is there (the tree may have gained one since the build).
  const t2 = performance.now();
  const server = await startNext(appDir, port, env, logFile, profDir);
  console.log(
    `  server up on ${base} in ${((performance.now() - t2) / 1000).toFixed(1)} s (pid ${server.pid}, log ${logFile})`,
  );
  try {
    const basic = `Basic ${Buffer.from(`${created.client.clientId}:${created.clientSecret}`).toString("base64")}`;
    const form = {
      authorization: basic,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    };

    // Correctness first: one token, and it introspects as active.
    const tokenRes = await fetch(`${base}/oauth/bench/token`, {
      method: "POST",
      headers: form,
      body: "grant_type=client_credentials",
    });
    const tokenBody = (await tokenRes.json()) as { access_token?: string; scope?: string; expires_in?: number };
    if (tokenRes.status !== 200 || !tokenBody.access_token)
      throw new Error(`token request answered ${tokenRes.status}: ${JSON.stringify(tokenBody)}`);
    const token = tokenBody.access_token;
    const introRes = await fetch(`${base}/oauth/bench/introspect`, {
      method: "POST",
      headers: form,
      body: `token=${token}`,
    });
    const introBody = (await introRes.json()) as { active?: boolean };
    if (introRes.status !== 200 || introBody.active !== true)
      throw new Error(`introspection answered ${introRes.status}: ${JSON.stringify(introBody)}`);
    console.log(
      `  check: token ${token.slice(0, 16)}… (${token.length} chars, scope "${tokenBody.scope}", expires_in ${tokenBody.expires_in}) introspects active`,
    );

    const pgid = server.pid;
    const cpu = () => groupCpuSeconds(pgid);
    const targets = {
      health: { url: `${base}/api/health`, method: "GET", headers: {} },
      token: { url: `${base}/oauth/bench/token`, method: "POST", headers: form, body: "grant_type=client_credentials" },
      introspect: { url: `${base}/oauth/bench/introspect`, method: "POST", headers: form, body: `token=${token}` },
      // The demo MCP server (the bench server's resource is Gatehouse's /mcp/bench): tools/list with the
      // client-credentials JWT, verified by @gatehouse/mcp-resource-auth on every request.
      resource: {
        url: `${base}/mcp/bench`,
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": "2025-06-18",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      },
    } satisfies Record<keyof Figures, Omit<LoadSpec, "concurrency" | "warmupMs" | "durationMs">>;
    // A fresh server loads route modules and JIT-compiles for its first seconds: one unmeasured
    // pass over every target keeps that cost out of whichever row runs first (it used to halve the
    // first /api/health row, which flattered every ratio).
    const t3 = performance.now();
    for (const [name, spec] of Object.entries(targets))
      if (TARGETS.includes(name))
        await load({ ...spec, concurrency: Math.max(...CONCURRENCY), warmupMs: 0, durationMs: WARMUP * 1000 });
    console.log(
      `  warm-up pass over the targets (${TARGETS.join(", ")}): ${((performance.now() - t3) / 1000).toFixed(1)} s`,
    );
    const check = await fetch(targets.resource.url, { ...targets.resource, body: targets.resource.body });
    if (check.status !== 200) throw new Error(`tools/list answered ${check.status}: ${await check.text()}`);
    const figures: Figures = { health: new Map(), token: new Map(), introspect: new Map(), resource: new Map() };
    const names: Record<keyof Figures, string> = {
      health: "GET /api/health",
      token: "POST /oauth/bench/token",
      introspect: "POST /oauth/bench/introspect",
      resource: "POST /mcp/bench tools/list",
    };
    printHeader();
    // ROUNDS interleaved rounds; each figure is its target's best round. Other work on a shared
    // machine only ever lowers a figure, and the ceiling gets the same treatment as the endpoints.
    for (let round = 1; round <= ROUNDS; round++) {
      for (const target of ["health", "token", "introspect", "resource"] as const) {
        if (!TARGETS.includes(target)) continue;
        for (const c of CONCURRENCY) {
          const row = await measure(
            `${label}: ${names[target]}${ROUNDS > 1 ? ` #${round}` : ""}`,
            cpu,
            targets[target],
            c,
          );
          const best = figures[target].get(c);
          if (!best || row.result.rps > best.result.rps) figures[target].set(c, row);
        }
      }
    }
    return figures;
  } finally {
    await server.stop();
  }
}

/** Requests/s by concurrency of each oidc-provider target. */
interface OidcFigures {
  token: Map<number, number>;
  /** Opaque tokens: POST /token/introspection. */
  introspect?: Map<number, number>;
  /** JWT: the JWT-checked resource route. */
  resource?: Map<number, number>;
}

async function benchOidcProvider(format: "opaque" | "jwt"): Promise<OidcFigures> {
  const port = await freePort();
  const clientId = "bench";
  const clientSecret = randomBytes(32).toString("base64url");
  const [file, args, options] = childArgs("--oidc-provider", String(port), format, clientId, clientSecret);
  // Its start-up warnings (development keys, in-memory adapter, Node 20) are noise here: kept for errors.
  const child = fork(file, args, { ...options, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
  };
  cleanups.push(stop);
  try {
    await new Promise<void>((resolve, reject) => {
      child.once("message", (m: { type: string }) =>
        m.type === "ready" ? resolve() : reject(new Error(String(m.type))),
      );
      child.once("exit", (code) => reject(new Error(`oidc-provider child exited (${code}):\n${output}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const form = {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    };
    const body = "grant_type=client_credentials&scope=mcp%3Atools";
    const res = await fetch(`${base}/token`, { method: "POST", headers: form, body });
    const json = (await res.json()) as { access_token?: string };
    if (res.status !== 200 || !json.access_token)
      throw new Error(`oidc-provider token answered ${res.status}: ${JSON.stringify(json)}\n${output}`);
    const name = `oidc-provider ${format === "jwt" ? "JWT ES256" : "opaque"}`;
    const series = async (label: string, spec: Omit<LoadSpec, "concurrency" | "warmupMs" | "durationMs">) => {
      const out = new Map<number, number>();
      for (const c of CONCURRENCY)
        out.set(c, (await measure(label, () => pidCpuSeconds(child.pid!), spec, c)).result.rps);
      return out;
    };
    const figures: OidcFigures = {
      token: await series(`${name}: POST /token`, { url: `${base}/token`, method: "POST", headers: form, body }),
    };
    // A fresh token: the in-memory adapter keeps only the latest tokens (an LRU), and the run above issued many.
    const fresh = (await (await fetch(`${base}/token`, { method: "POST", headers: form, body })).json()) as {
      access_token: string;
    };
    const token = fresh.access_token;
    if (format === "opaque") {
      const introspection = { url: `${base}/token/introspection`, method: "POST" as const, headers: form };
      const introspectBody = `token=${encodeURIComponent(token)}`;
      const check = (await (await fetch(introspection.url, { ...introspection, body: introspectBody })).json()) as {
        active?: boolean;
      };
      if (check.active !== true) throw new Error(`oidc-provider introspection: ${JSON.stringify(check)}`);
      figures.introspect = await series(`${name}: POST /token/introspection`, {
        ...introspection,
        body: introspectBody,
      });
    } else {
      const route = {
        url: `${base}/mcp/bench`,
        method: "POST" as const,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      };
      const check = await fetch(route.url, route);
      if (check.status !== 200) throw new Error(`oidc-provider resource route answered ${check.status}`);
      figures.resource = await series(`${name}: POST /mcp/bench (JWT checked)`, route);
    }
    return figures;
  } finally {
    await stop();
  }
}

function ratioLines(name: string, g: Figures, oidc: { opaque?: OidcFigures; jwt?: OidcFigures }) {
  const r = (a: number | undefined, b: number | undefined) => (a && b ? (a / b).toFixed(2) : "-");
  const rps = (m: Map<number, Row>, c: number) => m.get(c)?.result.rps;
  // Server CPU per request barely depends on what else the machine runs; throughput does.
  const cpu = (m: Map<number, Row>, c: number) => m.get(c)?.serverCpuMsPerReq;
  console.log(
    `\n  Ratios on ${name} (throughput${ROUNDS > 1 ? `, best of ${ROUNDS} rounds per target` : ""}; in brackets the same from server CPU per request, less sensitive to other load):`,
  );
  for (const c of CONCURRENCY) {
    const parts = [
      `token ÷ /api/health ${r(rps(g.token, c), rps(g.health, c))} [${r(cpu(g.health, c), cpu(g.token, c))}]`,
      `introspection ÷ /api/health ${r(rps(g.introspect, c), rps(g.health, c))} [${r(cpu(g.health, c), cpu(g.introspect, c))}]`,
      `resource ÷ /api/health ${r(rps(g.resource, c), rps(g.health, c))} [${r(cpu(g.health, c), cpu(g.resource, c))}]`,
      ...(oidc.opaque ? [`token ÷ oidc-provider opaque ${r(rps(g.token, c), oidc.opaque.token.get(c))}`] : []),
      ...(oidc.jwt ? [`token ÷ oidc-provider JWT ${r(rps(g.token, c), oidc.jwt.token.get(c))}`] : []),
      ...(oidc.opaque?.introspect
        ? [`introspection ÷ oidc-provider ${r(rps(g.introspect, c), oidc.opaque.introspect.get(c))}`]
        : []),
      ...(oidc.jwt?.resource
        ? [`resource ÷ oidc-provider JWT-checked route ${r(rps(g.resource, c), oidc.jwt.resource.get(c))}`]
        : []),
    ];
    console.log(`    c=${String(c).padEnd(3)} ${parts.join("   ")}`);
  }
  const meets = (m: Map<number, Row>) =>
    CONCURRENCY.every((c) => (rps(m, c) ?? 0) >= 0.8 * (rps(g.health, c) ?? Infinity));
  const meetsByCpu = (m: Map<number, Row>) =>
    CONCURRENCY.every((c) => (cpu(m, c) ?? Infinity) <= (cpu(g.health, c) ?? 0) / 0.8);
  const verdict = (m: Map<number, Row>) =>
    m.size === 0 || g.health.size === 0
      ? "-"
      : `${meets(m) ? "met" : "NOT met"} [${meetsByCpu(m) ? "met" : "NOT met"}]`;
  console.log(
    `  Goal: token and introspection throughput ≥ 0.8 × the /api/health ceiling at every concurrency — token ${verdict(g.token)}, introspection ${verdict(g.introspect)}, resource ${verdict(g.resource)}`,
  );
  // Issue 17's floors, against the dedicated server measured in the same run.
  const floor = (m: Map<number, Row>, yard: Map<number, number> | undefined, k: number) =>
    yard && m.size > 0
      ? CONCURRENCY.every((c) => (rps(m, c) ?? 0) >= k * (yard.get(c) ?? Infinity))
        ? "met"
        : "NOT met"
      : "-";
  if (oidc.jwt || oidc.opaque)
    console.log(
      `  Floors against oidc-provider at every concurrency: token ≥ 0.6 × JWT ${floor(g.token, oidc.jwt?.token, 0.6)}, introspection ≥ 0.8 × ${floor(g.introspect, oidc.opaque?.introspect, 0.8)}, resource ≥ 0.5 × JWT-checked route ${floor(g.resource, oidc.jwt?.resource, 0.5)}`,
    );
  const busy = [...g.health.values(), ...g.token.values(), ...g.introspect.values(), ...g.resource.values()].filter(
    (row) => row.otherCores > 0.3,
  );
  if (busy.length > 0)
    console.log(
      `  Caution: other work on the machine took > 0.3 cores during ${busy.length} of these rows: trust the bracketed CPU-based figures more.`,
    );
}

async function main() {
  const started = performance.now();
  console.log(
    `Token endpoint benchmark: ${WARMUP} s warm-up + ${SECONDS} s per measurement, concurrency ${CONCURRENCY.join(" and ")}, loopback only`,
  );
  console.log(
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}. Load generator: node:http keep-alive Agent (connections = in-flight = concurrency) in its own child process; it shares the cores with the server under test ("loadgen cores" column).`,
  );
  const [load1] = os.loadavg();
  if ((load1 ?? 0) > 0.5)
    console.log(
      `Note: load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} before start: other work on this machine lowers every figure (see "other cores").`,
    );
  const workDir = mkdtempSync(path.join(os.tmpdir(), "gh-bench-token-"));
  if (!CPU_PROF) cleanups.unshift(() => rmSync(workDir, { recursive: true, force: true })); // runs last (also on Ctrl-C)
  const results: { name: string; figures: Figures }[] = [];
  const oidc: { opaque?: OidcFigures; jwt?: OidcFigures } = {};
  try {
    const appDir = await snapshotBuild(workDir);
    const dataDir = path.join(workDir, "data");
    results.push({
      name: "PGlite",
      figures: await benchGatehouse("PGlite", ` (${dataDir})`, { GATEHOUSE_DATA_DIR: dataDir }, workDir, appDir),
    });

    if (process.env.DATABASE_URL) {
      const { url, drop } = await createPgDatabase(process.env.DATABASE_URL);
      cleanups.push(drop);
      const host = new URL(url);
      const secret =
        process.env.GATEHOUSE_SECRET && process.env.GATEHOUSE_SECRET.length >= 32
          ? process.env.GATEHOUSE_SECRET
          : randomBytes(32).toString("base64url");
      results.push({
        name: `PostgreSQL`,
        figures: await benchGatehouse(
          "PostgreSQL",
          ` (${host.host}${host.pathname})`,
          { DATABASE_URL: url, GATEHOUSE_SECRET: secret, GATEHOUSE_DATA_DIR: path.join(workDir, "data-pg") },
          workDir,
          appDir,
        ),
      });
    }

    if (process.env.BENCH_SKIP_OIDC !== "1") {
      console.log(`\nnode-oidc-provider (in-memory adapter, one child process)`);
      printHeader();
      oidc.opaque = await benchOidcProvider("opaque");
      oidc.jwt = await benchOidcProvider("jwt");
    }

    console.log(`\nSummary (all rows)`);
    printHeader();
    for (const row of rows) printRow(row);
    for (const { name, figures } of results) ratioLines(name, figures, oidc);
  } finally {
    await runCleanups();
    if (CPU_PROF) console.log(`\nKept ${workDir} (CPU profiles, server logs).`);
  }
  console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

const role = process.argv[2];
if (role === "--load-worker") loadWorkerMain();
else if (role === "--oidc-provider")
  await oidcProviderMain(
    Number(process.argv[3]),
    process.argv[4] as "opaque" | "jwt",
    process.argv[5]!,
    process.argv[6]!,
  );
else {
  installSignalCleanup();
  try {
    await main();
    process.exit(0);
  } catch (err) {
    console.error(`\nbench:token failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  }
}
