// The data-folder lock on its own: who holds it, when it is stale, and that a live holder is never
// displaced. Holders other than this process are real child processes.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataFolderInUseError, LOCK_FILE, lockDataFolder } from "./data-folder-lock";
import { openPglite } from "./client";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gatehouse-lockfile-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockFile = () => path.join(dir, LOCK_FILE);
const holderPid = () => (JSON.parse(readFileSync(lockFile(), "utf8")) as { pid: number }).pid;

/** A lock file as another process would have written it. */
function writeHolder(holder: Record<string, unknown>) {
  writeFileSync(lockFile(), JSON.stringify({ openedAt: new Date().toISOString(), ...holder }));
}

describe("lockDataFolder", () => {
  it("holds the folder for this process and gives it back on release", () => {
    const lock = lockDataFolder(dir);
    expect(holderPid()).toBe(process.pid);
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
    lockDataFolder(dir).release();
  });

  it("refuses a second open in the same process instead of opening the folder twice", () => {
    const lock = lockDataFolder(dir);
    expect(() => lockDataFolder(dir)).toThrow(/already has the data folder .* open/);
    lock.release();
  });

  it("refuses while a live process holds it, naming its pid, and leaves its lock alone", async () => {
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    try {
      writeHolder({ pid: child.pid });
      const before = readFileSync(lockFile(), "utf8");
      let error: unknown;
      try {
        lockDataFolder(dir);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(DataFolderInUseError);
      expect((error as Error).message).toContain(
        `Gatehouse is running on this data folder (pid ${child.pid}); stop it first`,
      );
      expect(readFileSync(lockFile(), "utf8")).toBe(before);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("takes over the lock of a process that is gone (kill -9)", () => {
    const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    writeHolder({ pid: Number(gone.stdout.trim()) });
    const lock = lockDataFolder(dir);
    expect(holderPid()).toBe(process.pid);
    lock.release();
  });

  it("takes over a lock whose pid now belongs to a process started at another time (pid reuse)", () => {
    writeHolder({ pid: process.ppid, startTime: "1" });
    const lock = lockDataFolder(dir);
    expect(holderPid()).toBe(process.pid);
    lock.release();
  });

  it("takes over a lock written before the machine rebooted, and an unreadable one", () => {
    writeHolder({ pid: process.ppid, bootId: "another-boot" });
    lockDataFolder(dir).release();
    writeFileSync(lockFile(), "");
    lockDataFolder(dir).release();
  });

  it("lets exactly one of several processes racing for a stale lock win", { timeout: 60_000 }, async () => {
    writeHolder({ pid: 999_999_999 });
    // A winner keeps the lock until it is killed, so that every loser meets a live holder.
    const racer = `
      const { lockDataFolder } = await import(${JSON.stringify(path.join(import.meta.dirname, "data-folder-lock.ts"))});
      try { lockDataFolder(process.argv[2]); console.log("won"); setInterval(() => {}, 1000); }
      catch (err) { console.log(err.name); }`;
    const script = path.join(dir, "racer.mts");
    writeFileSync(script, racer);
    // Node itself with tsx's loader (not the tsx wrapper, whose child would outlive a SIGKILL).
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ["--import", "tsx", script, dir], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );
    try {
      const runs = await Promise.all(
        children.map(
          (child) =>
            new Promise<string>((resolve) => {
              let out = "";
              child.stdout.on("data", (d: Buffer) => {
                out += d.toString();
                if (out.includes("\n")) resolve(out.trim());
              });
              child.on("close", () => resolve(out.trim()));
            }),
        ),
      );
      expect(runs.filter((r) => r === "won")).toHaveLength(1);
      expect(runs.filter((r) => r === "DataFolderInUseError")).toHaveLength(3);
    } finally {
      for (const child of children) child.kill("SIGKILL");
    }
  });
});

describe("openPglite", () => {
  it("takes the lock before opening a folder and releases it on close; memory databases take none", async () => {
    const database = openPglite(dir);
    expect(() => openPglite(dir)).toThrow(DataFolderInUseError);
    await database.withConnection((c) => c.query("select 1"));
    await database.close();
    expect(existsSync(lockFile())).toBe(false);
    const memory = openPglite("memory://");
    await memory.close();
  });
});
