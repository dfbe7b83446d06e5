// Backup and restore of the embedded database: PGlite's own data-folder archive (a gzipped tar of
// the whole folder, so the generated `secret` that seals the signing keys travels with the data).
// Both take the folder's lock first (data-folder-lock.ts), so they refuse to run while the server
// or another process has the folder open. PostgreSQL is backed up with pg_dump (docs/operations.md).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LOCK_FILE, lockDataFolder } from "./data-folder-lock";
import { newPglite } from "./pglite";

export interface BackupResult {
  file: string;
  bytes: number;
  migrations: number;
}

/** Writes the folder's archive to `outFile` (atomically: a half-written backup never has the name). */
export async function backupDataFolder(dataDir: string, outFile: string): Promise<BackupResult> {
  const dir = path.resolve(dataDir);
  if (!existsSync(dir) || readdirSync(dir).length === 0) throw new Error(`No Gatehouse data in ${dir}.`);
  const lock = lockDataFolder(dir);
  try {
    const pglite = newPglite(dir);
    try {
      const migrations = await countMigrations(pglite);
      const archive = Buffer.from(await (await pglite.dumpDataDir("gzip")).arrayBuffer());
      const file = path.resolve(outFile);
      mkdirSync(path.dirname(file), { recursive: true });
      const partial = `${file}.partial`;
      writeFileSync(partial, archive, { mode: 0o600 });
      renameSync(partial, file);
      return { file, bytes: archive.length, migrations };
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

/**
 * Unpacks an archive into the data folder. A folder holding anything is refused unless `force`.
 * The archive is unpacked and opened beside the folder first (proving it is a Gatehouse database),
 * and only then replaces the folder's contents, so a bad archive leaves the folder as it was.
 */
export async function restoreDataFolder(
  dataDir: string,
  fromFile: string,
  { force = false }: { force?: boolean } = {},
): Promise<{ migrations: number }> {
  const dir = path.resolve(dataDir);
  const archive = readFileSync(path.resolve(fromFile));
  mkdirSync(dir, { recursive: true });
  const existing = readdirSync(dir).filter((name) => name !== LOCK_FILE);
  if (existing.length > 0 && !force)
    throw new Error(`${dir} is not empty: restoring would replace its data. Add --force to replace it.`);
  const lock = lockDataFolder(dir);
  const staging = `${dir}.restoring-${process.pid}`;
  try {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    const pglite = newPglite(staging, { loadDataDir: new Blob([archive]) });
    let migrations: number;
    try {
      migrations = await countMigrations(pglite);
    } finally {
      await pglite.close();
    }
    for (const name of readdirSync(dir)) if (name !== LOCK_FILE) rmSync(path.join(dir, name), { recursive: true });
    // The archive holds the backing-up process's lock file: ours stays.
    for (const name of readdirSync(staging))
      if (name !== LOCK_FILE) renameSync(path.join(staging, name), path.join(dir, name));
    return { migrations };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    lock.release();
  }
}

async function countMigrations(pglite: ReturnType<typeof newPglite>): Promise<number> {
  try {
    const { rows } = await pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_gatehouse_migrations"`);
    return rows[0]?.n ?? 0;
  } catch {
    throw new Error("This is not a Gatehouse database (no _gatehouse_migrations table).");
  }
}
