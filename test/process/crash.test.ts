// Crash safety with real processes: a burst of concurrent writes through the admin API, `kill -9`
// of the whole server in the middle of it, a restart on the same data, and every write the server
// acknowledged (201) is there. On a PGlite folder (where the restart also takes over the lock the
// killed server left behind), and on PostgreSQL when DATABASE_URL is set.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LOCK_FILE } from "@/lib/db/data-folder-lock";
import { createPgDatabase } from "@/scripts/bench/harness";
import { api, createApiKey, describeProcesses, startServer, type Server, type Store } from "./processes";

const WRITERS = 8;
/** Acknowledged writes before the kill: enough to be mid-burst, few enough to stay quick. */
const KILL_AFTER = 60;

describeProcesses(`kill -9 during a write burst (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  let workDir = "";
  const store: Store = { dataDir: "" };
  let dropDatabase: (() => Promise<void>) | undefined;
  const servers: Server[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), "gatehouse-crash-"));
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

  it("keeps every acknowledged write", { timeout: 240_000 }, async () => {
    const apiKey = await createApiKey(store);
    const server = await startServer(store);
    servers.push(server);
    const writes = api(server, apiKey);

    const acknowledged: string[] = [];
    let refusedBeforeKill = 0;
    let killed = false;
    // Each writer creates clients one after another until the server is gone; the kill comes from
    // inside the burst, once KILL_AFTER writes are acknowledged, while the others are in flight.
    const writer = async (w: number) => {
      for (let i = 0; ; i++) {
        const clientId = await writes.createClient(`crash ${w}-${i}`).catch(() => undefined);
        if (clientId === undefined) {
          if (killed) return;
          refusedBeforeKill++;
          return;
        }
        acknowledged.push(clientId);
        if (acknowledged.length === KILL_AFTER) {
          killed = true;
          void server.kill9();
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    expect((await server.exited).signal).toBe("SIGKILL");
    expect(refusedBeforeKill).toBe(0);
    // kill -9 leaves the PGlite folder's lock behind: the restart must take it over, not refuse.
    if (!store.databaseUrl) expect(existsSync(path.join(store.dataDir, LOCK_FILE))).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

    const restarted = await startServer(store);
    servers.push(restarted);
    const reads = api(restarted, apiKey);
    const missing: string[] = [];
    for (const clientId of acknowledged) if ((await reads.clientStatus(clientId)) !== 200) missing.push(clientId);
    expect(missing, `${missing.length} of ${acknowledged.length} acknowledged clients are gone`).toEqual([]);
    console.log(`crash test: ${acknowledged.length} acknowledged writes, all present after kill -9 and restart`);
    await restarted.stop();
  });
});
