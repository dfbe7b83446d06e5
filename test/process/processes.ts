// Real processes for the tests in test/process: the production server as `npm start` runs it
// (dist/server.mjs: the protocol front before Next.js), and the operator CLI, on a data folder (or
// PostgreSQL database) of the test's own. They need a build (`npm test` makes one first: see
// package.json); without .next/BUILD_ID and dist/server.mjs they are skipped.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe } from "vitest";
import { freePort } from "@/scripts/bench/harness";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVER_ENTRY = path.join(ROOT, "dist/server.mjs");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

const hasBuild = existsSync(path.join(ROOT, ".next/BUILD_ID")) && existsSync(SERVER_ENTRY);

/**
 * A suite of real-process tests: skipped, and saying so in its name, without a production build;
 * also skipped when `skip` names a reason.
 */
export function describeProcesses(name: string, fn: () => void, skip?: string): void {
  const reason = hasBuild
    ? skip
    : "no production build (.next/BUILD_ID, dist/server.mjs): run `npm run build` (npm test builds first)";
  describe.skipIf(Boolean(reason))(reason ? `${name} (skipped: ${reason})` : name, fn);
}

/** Where a test's Gatehouse keeps its data: a PGlite folder, or a PostgreSQL database. */
export interface Store {
  dataDir: string;
  databaseUrl?: string;
}

/** The environment of every process on `store`: nothing inherited may point elsewhere. */
export function storeEnv(store: Store): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    GATEHOUSE_DATA_DIR: store.dataDir,
    DATABASE_URL: store.databaseUrl ?? "",
  };
  delete env.AUTH_SECRET;
  delete env.GATEHOUSE_SECRET;
  // PostgreSQL needs a shared secret; PGlite generates one into the folder.
  if (store.databaseUrl)
    env.GATEHOUSE_SECRET = process.env.GATEHOUSE_SECRET ?? "process-test-secret-0123456789abcdefghijkl";
  return env;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Server {
  pid: number;
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Resolves once the process has exited. */
  exited: Promise<Exit>;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<Exit>;
  /** SIGKILL to the whole process group: no clean-up of any kind. */
  kill9(): Promise<Exit>;
}

/**
 * The production server on 127.0.0.1 and a free port (or `port`, when the store was seeded for that URL), in
 * its own process group. Does not wait for it.
 */
export async function spawnServer(store: Store, extraEnv: Record<string, string> = {}, port?: number): Promise<Server> {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY, "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...storeEnv(store), GATEHOUSE_URL: url, ...extraEnv },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let done = false;
  void exited.then(() => (done = true));
  const signalGroup = async (signal: NodeJS.Signals) => {
    if (!done) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* already gone */
      }
    }
    return exited;
  };
  return {
    pid: child.pid!,
    url,
    output: () => out,
    exited,
    stop: () => signalGroup("SIGTERM"),
    kill9: () => signalGroup("SIGKILL"),
  };
}

/** The production server, once /api/health answers 200; throws with its output if it exits first. */
export async function startServer(store: Store, extraEnv: Record<string, string> = {}, port?: number): Promise<Server> {
  const server = await spawnServer(store, extraEnv, port);
  let exit: Exit | undefined;
  void server.exited.then((e) => (exit = e));
  for (;;) {
    if (exit)
      throw new Error(`the server exited (${exit.code ?? exit.signal}) before it answered:\n${server.output()}`);
    try {
      if ((await fetch(`${server.url}/api/health`)).ok) return server;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run gatehouse -- …` on the store, as an operator runs it. */
export function cli(store: Store, ...args: string[]): Promise<CliRun> {
  return tsx(storeEnv(store), "scripts/cli.ts", ...args);
}

/** A TypeScript script of the repository, run with tsx in `env`; resolves with its output. */
export function tsx(env: NodeJS.ProcessEnv, script: string, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [script, ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** An admin API key made with the CLI (which also applies the migrations) before a server runs. */
export async function createApiKey(store: Store): Promise<string> {
  const run = await cli(store, "apikey:create", "--name", "process-test", "--role", "ADMIN", "--json");
  if (run.code !== 0) throw new Error(`apikey:create failed (${run.code}):\n${run.stdout}${run.stderr}`);
  return (JSON.parse(run.stdout.slice(run.stdout.search(/^\{/m))) as { token: string }).token;
}

/** The admin API of a running server, as the API key's holder. */
export function api(server: Server, apiKey: string) {
  const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  return {
    /** POST a client on the demo server: its client_id when acknowledged (201), else undefined. */
    async createClient(name: string): Promise<string | undefined> {
      const res = await fetch(`${server.url}/api/v1/servers/demo/clients`, {
        method: "POST",
        headers,
        body: JSON.stringify({ name }),
      });
      if (res.status !== 201) return undefined;
      return ((await res.json()) as { client: { clientId: string } }).client.clientId;
    },
    /**
     * A client_credentials client on the demo server, with the Basic authorization header its
     * token requests carry (RFC 6749 §2.3.1: form-urlencoded id and secret).
     */
    async createSecretClient(name: string): Promise<{ clientId: string; clientSecret: string; basic: string }> {
      const res = await fetch(`${server.url}/api/v1/servers/demo/clients`, {
        method: "POST",
        headers,
        body: JSON.stringify({ name }),
      });
      if (res.status !== 201) throw new Error(`POST client answered ${res.status}: ${await res.text()}`);
      const { client, clientSecret } = (await res.json()) as { client: { clientId: string }; clientSecret: string };
      const pair = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(clientSecret)}`;
      return { clientId: client.clientId, clientSecret, basic: `Basic ${Buffer.from(pair).toString("base64")}` };
    },
    /** The status of GET on one client of the demo server (200: it exists). */
    async clientStatus(clientId: string): Promise<number> {
      const res = await fetch(`${server.url}/api/v1/servers/demo/clients/${clientId}`, { headers });
      await res.arrayBuffer();
      return res.status;
    },
  };
}
