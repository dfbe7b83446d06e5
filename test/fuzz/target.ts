// The fuzz target: a production build (`next start`, where Next.js's own 500s come from) on a free
// loopback port, a throw-away PGlite folder seeded by seed.ts, and the build's server-action ids.
// The build is served from a snapshot (scripts/bench/harness.ts): others may rebuild .next meanwhile.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BIN, cliJson, freePort, ROOT, run, snapshotBuild, startNext, tail } from "@/scripts/bench/harness";
import type { FuzzContext } from "./requests";

export const BUILD_ID_FILE = path.join(ROOT, ".next/BUILD_ID");

export function hasBuild(): boolean {
  return existsSync(BUILD_ID_FILE) && existsSync(path.join(ROOT, "dist/server.mjs"));
}

export interface FuzzTarget {
  base: string;
  context: FuzzContext;
  logFile: string;
  /** The server log's last lines (for a failure message). */
  logTail: () => string;
  /** Stops the server and removes its folder; `keepLog` copies the server log to this path first. */
  stop: (keepLog?: string) => Promise<void>;
}

export async function startFuzzTarget(): Promise<FuzzTarget> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-fuzz-"));
  const appDir = await snapshotBuild(workDir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GATEHOUSE_DATA_DIR: path.join(workDir, "data"),
    GATEHOUSE_URL: base,
    NODE_ENV: "production",
  };
  delete env.DATABASE_URL;
  delete env.GATEHOUSE_SECRET;
  const seeded = cliJson<Omit<FuzzContext, "actions" | "host">>(await run(BIN("tsx"), ["test/fuzz/seed.ts"], env));
  const logFile = path.join(workDir, "next.log");
  const server = await startNext(appDir, port, env, logFile);
  return {
    base,
    context: { ...seeded, host: `127.0.0.1:${port}`, actions: serverActions(appDir) },
    logFile,
    logTail: () => tail(logFile, 60),
    stop: async (keepLog) => {
      await server.stop();
      if (keepLog) copyFileSync(logFile, keepLog);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Every server action of the build, with a page that serves it ("[slug]" → fuzz, "[id]" → x). */
function serverActions(appDir: string): FuzzContext["actions"] {
  const manifest = JSON.parse(
    readFileSync(path.join(appDir, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { workers: Record<string, unknown> }> };
  return Object.entries(manifest.node).map(([id, { workers }]) => {
    const page = Object.keys(workers)[0] ?? "app/page";
    const route = page
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]+\)/g, "")
      .replace(/\[slug\]/g, "fuzz")
      .replace(/\[[^\]]+\]/g, "x");
    return { id, path: route || "/" };
  });
}
