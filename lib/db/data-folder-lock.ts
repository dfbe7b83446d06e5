// One process at a time per PGlite data folder. PGlite has no lock of its own: a second process
// (the CLI beside a running server) opening the same folder silently loses the other's writes and
// can leave the folder unopenable. Every open of a folder (lib/db/client.ts openPglite: server, CLI,
// migrate, seed, benchmarks) first takes `<folder>/gatehouse.lock`, before PGlite touches a file.
//
// The lock file names its holder: pid, the process's start time (/proc/<pid>/stat) and the kernel
// boot id. It is created atomically (hard link of a fully written temp file: it fails if the lock
// exists, and the lock is never seen half written). A lock whose holder is gone (no such pid, the
// pid now belongs to a process started at another time, or the machine rebooted) is stale, e.g.
// after kill -9: it is taken over under a short second lock (`gatehouse.lock.takeover`), so two
// processes racing for a stale lock cannot both win. Released on close and on process exit;
// SIGINT/SIGTERM exit through the 'exit' event (Next.js's own handlers, or ours when nobody else
// listens).
import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

export const LOCK_FILE = "gatehouse.lock";

/** Another process (or this one, through a second open) holds the data folder. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      pid === process.pid
        ? `This process already has the data folder ${dataDir} open; open it once and share it.`
        : `Gatehouse is running on this data folder (pid ${pid}); stop it first.\n` +
            `  data folder: ${dataDir}\n` +
            "  (PGlite allows one process per folder. While the server runs, use its admin API, /api/v1.)",
    );
    this.name = "DataFolderInUseError";
  }
}

interface Holder {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); absent where /proc is not. */
  startTime?: string;
  bootId?: string;
  openedAt: string;
}

export interface DataFolderLock {
  release(): void;
}

/** Folders this process holds, shared by every copy of this module in the process (Next.js bundles). */
const held: Map<string, string> = ((globalThis as Record<symbol, unknown>)[Symbol.for("gatehouse.dataFolderLocks")] ??=
  new Map<string, string>()) as Map<string, string>;

/** Takes the folder's lock or throws DataFolderInUseError. The folder must exist. */
export function lockDataFolder(dataDir: string): DataFolderLock {
  const dir = path.resolve(dataDir);
  if (held.has(dir)) throw new DataFolderInUseError(dir, process.pid);
  installExitRelease();
  const lockPath = path.join(dir, LOCK_FILE);
  const mine = JSON.stringify(describe(process.pid, new Date().toISOString()));
  const tmp = path.join(dir, `.${LOCK_FILE}.${process.pid}.${randomBytes(6).toString("hex")}`);
  writeFileSync(tmp, `${mine}\n`, { flag: "wx", mode: 0o644 });
  try {
    // A few rounds: a holder releasing, or another process taking over a stale lock, settles fast.
    for (let round = 0; round < 100; round++) {
      if (tryLink(tmp, lockPath)) return hold(dir, lockPath);
      const current = readRaw(lockPath);
      if (current === undefined) continue; // released between our two steps: try again
      const holder = parse(current);
      if (holder && isAlive(holder)) throw new DataFolderInUseError(dir, holder.pid);
      if (takeOver(lockPath, tmp, current)) return hold(dir, lockPath);
      sleep(20);
    }
    throw new Error(`Could not take the lock ${lockPath}: another process keeps taking it over.`);
  } finally {
    removeQuietly(tmp);
  }
}

function hold(dir: string, lockPath: string): DataFolderLock {
  const content = readRaw(lockPath) ?? "";
  held.set(dir, content);
  return {
    release() {
      if (held.get(dir) !== content) return;
      held.delete(dir);
      releaseFile(lockPath, content);
    },
  };
}

/** Deletes the lock file only while it is still ours (never another process's takeover). */
function releaseFile(lockPath: string, content: string): void {
  if (readRaw(lockPath) === content) removeQuietly(lockPath);
}

/**
 * Replaces the stale lock `staleContent` with ours, under `gatehouse.lock.takeover`: only while that
 * file is ours do we re-check the lock and rename our file over it. False: someone else is at it, or
 * the lock changed meanwhile; the caller looks again.
 */
function takeOver(lockPath: string, tmp: string, staleContent: string): boolean {
  const guard = `${lockPath}.takeover`;
  if (!tryLink(tmp, guard)) {
    const other = readRaw(guard);
    const otherHolder = other === undefined ? undefined : parse(other);
    // A takeover guard left by a process killed in the middle of a takeover: remove it, then retry.
    if (other !== undefined && !(otherHolder && isAlive(otherHolder)) && readRaw(guard) === other) removeQuietly(guard);
    return false;
  }
  try {
    if (readRaw(lockPath) !== staleContent) return false;
    renameSync(tmp, lockPath);
    return true;
  } finally {
    removeQuietly(guard);
  }
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
}

function readRaw(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

function parse(raw: string): Holder | undefined {
  try {
    const v = JSON.parse(raw) as Partial<Holder>;
    return typeof v.pid === "number" && Number.isInteger(v.pid) && v.pid > 0 ? (v as Holder) : undefined;
  } catch {
    return undefined; // unreadable: nobody can be shown to hold it, so it is stale
  }
}

function describe(pid: number, openedAt: string): Holder {
  return { pid, startTime: processStartTime(pid), bootId: bootId(), openedAt };
}

/** Whether the process that wrote `holder` still runs (this process counts as alive only via `held`). */
function isAlive(holder: Holder): boolean {
  const boot = bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false; // written before a reboot
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
    // EPERM: it runs, as another user.
  }
  const started = processStartTime(holder.pid);
  if (holder.startTime && started && holder.startTime !== started) return false; // pid reused
  // Our own pid and start time, yet not in `held`: a lock this very process left behind.
  if (holder.pid === process.pid) return false;
  return true;
}

function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* already gone */
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const EXIT_RELEASE = Symbol.for("gatehouse.dataFolderLocks.exitRelease");

/**
 * Releases every held folder when the process exits. Node runs no 'exit' listener when a signal
 * kills it, so SIGINT/SIGTERM become an exit (128 + signal) here, unless someone else handles the
 * signal (Next.js does, and exits itself).
 */
function installExitRelease(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[EXIT_RELEASE]) return;
  g[EXIT_RELEASE] = true;
  process.on("exit", () => {
    for (const [dir, content] of held) releaseFile(path.join(dir, LOCK_FILE), content);
    held.clear();
  });
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) === 1) process.exit(code);
    };
    process.on(signal, onSignal);
  }
}
