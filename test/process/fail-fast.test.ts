// A server whose database cannot be opened logs why and exits with status 1, so that a supervisor
// restarts it or alerts, instead of staying up and answering 500 to every request (health too).
// Real `next start` processes; a test fails if the server ever answers an HTTP request.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeProcesses, spawnServer, type Exit, type Server, type Store } from "./processes";

describeProcesses(
  "a server that cannot open its database",
  () => {
    let workDir = "";
    const servers: Server[] = [];
    beforeAll(() => {
      workDir = mkdtempSync(path.join(tmpdir(), "gatehouse-fail-fast-"));
    });
    afterAll(async () => {
      for (const s of servers) await s.kill9();
      rmSync(workDir, { recursive: true, force: true });
    });

    /** Starts a server on `store` and waits until it exits, failing as soon as it answers HTTP. */
    async function exitOf(store: Store): Promise<{ exit: Exit; output: string }> {
      const server = await spawnServer(store);
      servers.push(server);
      let exit: Exit | undefined;
      void server.exited.then((e) => (exit = e));
      while (!exit) {
        const answered = await fetch(`${server.url}/api/health`).then(
          (res) => res.status,
          () => undefined,
        );
        if (answered !== undefined)
          throw new Error(`the server answered ${answered} instead of exiting:\n${server.output()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      return { exit, output: server.output() };
    }

    it("exits 1 with the reason when PostgreSQL is unreachable", { timeout: 120_000 }, async () => {
      const { exit, output } = await exitOf({
        dataDir: path.join(workDir, "unused"),
        databaseUrl: "postgresql://gatehouse@127.0.0.1:1/gatehouse",
      });
      expect(exit.code).toBe(1);
      expect(output).toContain("gatehouse.start_failed");
      expect(output).toContain("ECONNREFUSED");
    });

    it("exits 1 with the reason when the PGlite folder is damaged", { timeout: 120_000 }, async () => {
      const dataDir = path.join(workDir, "damaged");
      mkdirSync(path.join(dataDir, "global"), { recursive: true });
      writeFileSync(path.join(dataDir, "PG_VERSION"), "17\n");
      writeFileSync(path.join(dataDir, "global", "pg_control"), "not a control file ".repeat(500));
      const { exit, output } = await exitOf({ dataDir });
      expect(exit.code).toBe(1);
      expect(output).toContain("gatehouse.start_failed");
      expect(output).toContain("PGlite failed to initialize");
    });
  },
  process.env.DATABASE_URL ? "runs once, in the PGlite run of the suite" : undefined,
);
