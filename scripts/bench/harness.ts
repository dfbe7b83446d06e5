// Helpers shared by the benchmarks that run against a production build (`next start`) on loopback
// (scripts/bench/token.ts, scripts/bench/register.ts): a snapshot of .next served from a temp
// folder (others rebuild .next in this tree), seeding through the CLI before the server starts
// (PGlite holds its folder for one process), a free loopback port, a child `next start` in its own
// process group, and CPU accounting from /proc (server, local PostgreSQL, the rest of the machine).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = (name: string) => path.join(ROOT, "node_modules/.bin", name);

/** Run on exit, last registered first (also on Ctrl-C, see installSignalCleanup). */
export const cleanups: (() => Promise<void> | void)[] = [];

export async function runCleanups(): Promise<void> {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch (err) {
      console.error(`cleanup: ${(err as Error).message}`);
    }
  }
  cleanups.length = 0;
}

export function installSignalCleanup(): void {
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      void runCleanups().finally(() => process.exit(130));
    });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "[::1]")
    throw new Error(`refusing to load a non-loopback target: ${url}`);
}

/** Runs a command to completion without blocking the event loop (so Ctrl-C still cleans up). */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, inherit = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${path.basename(cmd)} ${args.join(" ")} failed (${signal ?? code}):\n${out}${err}`)),
    );
  });
}

/** The JSON object a CLI command printed with --json (after any log lines). */
export function cliJson<T>(out: string): T {
  return JSON.parse(out.slice(out.search(/^[[{]/m))) as T;
}

/**
 * Makes sure a production build exists (BENCH_BUILD=1 rebuilds; if that build fails, e.g. because
 * another one is running, waits for .next/BUILD_ID), then snapshots it (.next without its cache,
 * dist/server.mjs, next.config.ts and what it imports, package.json, prisma/migrations; node_modules
 * linked) into `workDir` and serves it from there: others rebuild .next in this tree while a run is
 * going on.
 */
export async function snapshotBuild(workDir: string): Promise<string> {
  const buildIdFile = path.join(ROOT, ".next/BUILD_ID");
  const serverEntry = path.join(ROOT, "dist/server.mjs");
  if (process.env.BENCH_BUILD === "1" || !existsSync(buildIdFile) || !existsSync(serverEntry)) {
    console.log(
      existsSync(buildIdFile)
        ? "BENCH_BUILD=1: running `next build` first…"
        : "No production build (.next/BUILD_ID is missing): running `next build` first…",
    );
    try {
      await run(BIN("next"), ["build"], { ...process.env, NODE_ENV: "production" }, true);
      await run(process.execPath, [path.join(ROOT, "scripts/build-server.mjs")], process.env, true);
    } catch {
      console.log("`next build` failed (another build may be running): waiting up to 5 min for .next/BUILD_ID…");
      const deadline = Date.now() + 300_000;
      while (!existsSync(buildIdFile)) {
        if (Date.now() > deadline) throw new Error("no production build: run `npx next build`");
        await new Promise((r) => setTimeout(r, 2000));
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  const appDir = path.join(workDir, "app");
  for (let attempt = 1; ; attempt++) {
    const buildId = readFileSync(buildIdFile, "utf8").trim();
    const builtAt = statSync(buildIdFile).mtimeMs;
    rmSync(appDir, { recursive: true, force: true });
    mkdirSync(appDir, { recursive: true });
    const skip = new Set([path.join(ROOT, ".next/cache"), path.join(ROOT, ".next/dev")]);
    cpSync(path.join(ROOT, ".next"), path.join(appDir, ".next"), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !skip.has(src),
    });
    for (const f of ["package.json", "next.config.ts", "lib/http/security-headers.ts", "dist/server.mjs"])
      cpSync(path.join(ROOT, f), path.join(appDir, f));
    cpSync(path.join(ROOT, "prisma/migrations"), path.join(appDir, "prisma/migrations"), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(appDir, "node_modules"));
    const copied = path.join(appDir, ".next/BUILD_ID");
    if (
      existsSync(copied) &&
      readFileSync(copied, "utf8").trim() === buildId &&
      existsSync(buildIdFile) &&
      readFileSync(buildIdFile, "utf8").trim() === buildId
    ) {
      console.log(
        `Production build ${buildId} (built ${Math.round((Date.now() - builtAt) / 60000)} min ago${changedSince(builtAt)}), served from a snapshot in ${appDir}`,
      );
      return appDir;
    }
    if (attempt >= 5) throw new Error(".next kept changing while it was copied (a build is running?): try again");
    await new Promise((r) => setTimeout(r, 5000));
  }
}

function changedSince(builtAt: number): string {
  let newer = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "generated" && e.name !== "node_modules") walk(p);
      } else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && statSync(p).mtimeMs > builtAt) newer++;
    }
  };
  for (const d of ["app", "lib", "components"]) if (existsSync(path.join(ROOT, d))) walk(path.join(ROOT, d));
  return newer ? `; ${newer} source file(s) changed since, BENCH_BUILD=1 rebuilds` : "";
}

export interface NextServer {
  pid: number;
  stop: () => Promise<void>;
}

/**
 * The production server (`npm start`: dist/server.mjs, the protocol front before Next.js) on
 * 127.0.0.1:port in its own process group, up once /api/health answers. Copies
 * prisma/migrations into the snapshot first: the server checks that every migration applied to its
 * database is in prisma/migrations, and the CLI seeding may have applied one the tree gained since
 * the build. `cpuProfDir` writes V8 CPU profiles of the server there (it serves in its own
 * process, no worker, so node flags given here reach the server).
 */
export async function startNext(
  appDir: string,
  port: number,
  env: NodeJS.ProcessEnv,
  logFile: string,
  cpuProfDir?: string,
): Promise<NextServer> {
  cpSync(path.join(ROOT, "prisma/migrations"), path.join(appDir, "prisma/migrations"), { recursive: true });
  const fd = openSync(logFile, "a");
  const nodeFlags = cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeFlags, path.join(appDir, "dist/server.mjs"), "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: appDir,
      env,
      detached: true,
      stdio: ["ignore", fd, fd],
    },
  );
  closeSync(fd);
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  const stop = async () => {
    if (exited !== undefined || child.pid === undefined) return;
    const done = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timedOut = await Promise.race([done.then(() => false), new Promise((r) => setTimeout(() => r(true), 8000))]);
    if (timedOut) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  };
  cleanups.push(stop);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== undefined)
      throw new Error(`the server exited (${exited}) before it answered; log:\n${tail(logFile)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline)
      throw new Error(`next start did not answer /api/health within 90 s; log:\n${tail(logFile)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { pid: child.pid!, stop };
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** CPU seconds (user+system) of every process in a process group, from /proc (Linux); NaN elsewhere. */
export function groupCpuSeconds(pgid: number): number {
  return procCpuSeconds((pgrp) => pgrp === pgid);
}

/** CPU seconds of the local PostgreSQL server's processes (a PostgreSQL on this machine shows up there, not in "other"). */
export function postgresCpuSeconds(): number {
  return procCpuSeconds((_pgrp, comm) => comm === "postgres");
}

function procCpuSeconds(match: (pgrp: number, comm: string) => boolean): number {
  if (!existsSync("/proc/self/stat")) return NaN;
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields[0] is state (field 3)
    if (!match(Number(fields[2]), stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")))) continue; // pgrp is field 5
    total += (Number(fields[11]) + Number(fields[12])) / tick; // utime, stime: fields 14, 15
  }
  return total;
}

/** CPU seconds (user+system) of one process, from /proc (Linux); NaN elsewhere. */
export function pidCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").at(-1)!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Busy CPU seconds of the whole machine (all processes), from /proc/stat; NaN elsewhere. */
export function machineBusySeconds(): number {
  try {
    const [, ...f] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
    const n = f.map(Number); // user nice system idle iowait irq softirq steal
    return ((n[0] ?? 0) + (n[1] ?? 0) + (n[2] ?? 0) + (n[5] ?? 0) + (n[6] ?? 0) + (n[7] ?? 0)) / 100;
  } catch {
    return NaN;
  }
}

/**
 * Cores that other work on the machine kept busy: the machine's busy cores (machineBusySeconds()
 * over the wall time) minus the server under test, the load generator and a local PostgreSQL, all
 * in cores. Anything above ~0.1 skews a measurement.
 */
export function otherCores(
  machineCores: number,
  serverCores: number,
  loadgenCores: number,
  postgresCores: number,
): number {
  return Math.max(0, machineCores - serverCores - loadgenCores - postgresCores);
}

/** A fresh PostgreSQL database (gh_bench_<random>) next to the one `adminUrl` names; `drop` removes it. */
export async function createPgDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import("pg");
  const name = `gh_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  return { url: url.toString(), drop };
}

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "-";
