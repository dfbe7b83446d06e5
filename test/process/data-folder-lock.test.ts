// One process per PGlite data folder, with real processes: a running `next start` and the operator
// CLI (or a second server) on the same folder. Before the lock, the CLI opened the folder beside the
// server and a write the server had acknowledged afterwards was gone after a restart.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LOCK_FILE } from "@/lib/db/data-folder-lock";
import { api, cli, createApiKey, describeProcesses, spawnServer, startServer, type Server } from "./processes";

const REFUSED = /Gatehouse is running on this data folder \(pid (\d+)\); stop it first/;

describeProcesses(
  "a PGlite data folder, one process at a time",
  () => {
    const store = { dataDir: "" };
    const servers: Server[] = [];
    beforeAll(() => {
      store.dataDir = mkdtempSync(path.join(tmpdir(), "gatehouse-lock-"));
    });
    afterAll(async () => {
      for (const s of servers) await s.kill9();
      rmSync(store.dataDir, { recursive: true, force: true });
    });

    it(
      "refuses the CLI and a second server while the server runs; every acknowledged write survives a restart",
      { timeout: 240_000 },
      async () => {
        const { dataDir } = store;
        const apiKey = await createApiKey(store);
        const first = await startServer(store);
        servers.push(first);
        const before = await api(first, apiKey).createClient("Before the CLI");
        expect(before).toBeDefined();

        // The CLI is refused before PGlite touches the folder, with the holder's pid.
        const entries = readdirSync(dataDir).sort();
        for (const args of [
          ["client:create", "--server", "demo", "--name", "From the CLI"],
          ["client:list", "--server", "demo"],
        ]) {
          const run = await cli(store, ...args);
          expect(run.code, run.stdout + run.stderr).toBe(1);
          expect(Number(REFUSED.exec(run.stderr)?.[1])).toBe(first.pid);
        }
        expect(readdirSync(dataDir).sort()).toEqual(entries);

        // So is a second server: it says why and exits with status 1 instead of serving.
        const second = await spawnServer(store);
        servers.push(second);
        expect((await second.exited).code).toBe(1);
        expect(second.output()).toMatch(REFUSED);
        expect(second.output()).toContain("gatehouse.start_failed");

        const after = await api(first, apiKey).createClient("After the CLI");
        expect(after).toBeDefined();

        // A clean stop releases the folder: the CLI runs and sees both clients, not its refused one.
        await first.stop();
        expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
        const listed = await cli(store, "client:list", "--server", "demo", "--json");
        expect(listed.code, listed.stderr).toBe(0);
        expect(listed.stdout).toContain(before);
        expect(listed.stdout).toContain(after);
        expect(listed.stdout).not.toContain("From the CLI");

        // And the server, started again, still has both.
        const restarted = await startServer(store);
        servers.push(restarted);
        const client = api(restarted, apiKey);
        expect(await client.clientStatus(before!)).toBe(200);
        expect(await client.clientStatus(after!)).toBe(200);
        await restarted.stop();
      },
    );
  },
  process.env.DATABASE_URL ? "PGlite only: DATABASE_URL is set" : undefined,
);
