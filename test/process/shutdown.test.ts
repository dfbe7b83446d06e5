// Graceful shutdown with a real `next start`: SIGTERM in the middle of a burst of
// client_credentials token requests. The server must exit 0, leave no lock behind, and every token
// it answered 200 for must be counted in ClientDailyStat: those counts live in memory until the
// flush, which shutdown runs after the last request in flight. The folder must then open cleanly
// (the CLI, and a second start). On PostgreSQL too when DATABASE_URL is set (the pool is closed).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LOCK_FILE } from "@/lib/db/data-folder-lock";
import { createPgDatabase } from "@/scripts/bench/harness";
import { api, cli, createApiKey, describeProcesses, startServer, type Server, type Store } from "./processes";

const WORKERS = 8;
/** Tokens answered before SIGTERM: well into the burst, with requests still in flight. */
const SIGTERM_AFTER = 40;

describeProcesses(`SIGTERM during a token burst (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  let workDir = "";
  const store: Store = { dataDir: "" };
  let dropDatabase: (() => Promise<void>) | undefined;
  const servers: Server[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), "gatehouse-shutdown-"));
    store.dataDir = path.join(workDir, "data");
    if (process.env.DATABASE_URL) {
      const created = await createPgDatabase(process.env.DATABASE_URL);
      store.databaseUrl = created.url;
      dropDatabase = created.drop;
    }
  });
  afterAll(async () => {
    for (const s of servers) await s.kill9();
    await dropDatabase?.();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("answers what it accepted, persists it, and exits 0", { timeout: 240_000 }, async () => {
    const apiKey = await createApiKey(store);
    // The activity flush runs every 5 s: what this test finds was written by the shutdown's flush.
    const server = await startServer(store);
    servers.push(server);
    const headers = { authorization: `Bearer ${apiKey}` };
    const client = await api(server, apiKey).createSecretClient("Shutdown burst");

    let ok = 0;
    const refused: number[] = [];
    let signalled = false;
    const worker = async () => {
      for (;;) {
        let status: number;
        try {
          const res = await fetch(`${server.url}/oauth/demo/token`, {
            method: "POST",
            headers: { authorization: client.basic, "content-type": "application/x-www-form-urlencoded" },
            body: "grant_type=client_credentials",
          });
          status = res.status;
          await res.arrayBuffer();
        } catch {
          return; // connection refused or closed: the server has stopped accepting
        }
        if (status !== 200) {
          refused.push(status);
          return;
        }
        ok++;
        if (ok === SIGTERM_AFTER && !signalled) {
          signalled = true;
          process.kill(-server.pid, "SIGTERM");
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    const exit = await server.exited;
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    expect(refused).toEqual([]);
    expect(ok).toBeGreaterThanOrEqual(SIGTERM_AFTER);
    expect(server.output()).toContain('"event":"gatehouse.stopped"');
    expect(existsSync(path.join(store.dataDir, LOCK_FILE))).toBe(false);

    // The folder opens cleanly: the CLI, then a second server that reports the counts.
    const listed = await cli(store, "server:list", "--json");
    expect(listed.code, listed.stderr).toBe(0);
    const again = await startServer(store);
    servers.push(again);
    const res = await fetch(`${again.url}/api/v1/servers/demo/clients/${client.clientId}/activity`, { headers });
    expect(res.status).toBe(200);
    const { days } = (await res.json()) as { days: { tokensIssued: number }[] };
    const counted = days.reduce((n, d) => n + d.tokensIssued, 0);
    console.log(`shutdown test: ${ok} tokens answered 200 before the exit, ${counted} counted after restart`);
    expect(counted).toBeGreaterThanOrEqual(ok);
    expect((await again.stop()).code).toBe(0);
  });
});
