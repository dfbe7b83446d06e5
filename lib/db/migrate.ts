// Applies the committed migrations in prisma/migrations, on PGlite and PostgreSQL alike.
// Prisma 6.19's `migrate deploy` fails through @prisma/adapter-pg on PostgreSQL (prisma/orm#27403),
// so this small runner does the job: each migration once, in name order, in its own transaction,
// recorded with a checksum; an applied file that changed (or vanished) stops the start; a session
// advisory lock keeps several instances that start together from racing.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlConnection } from "./sql-connection";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
const LOCK_KEY = 7_342_001; // arbitrary, constant: "the Gatehouse migration lock"

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * The names in `committed` that this database has not applied, in order (readiness: a release
 * started against a database it has not migrated yet). No table yet: all of them.
 */
export async function pendingMigrations(conn: SqlConnection, committed: readonly string[]): Promise<string[]> {
  const exists = await conn.query<{ found: string | null }>(`SELECT to_regclass('"_gatehouse_migrations"') AS "found"`);
  if (!exists[0]?.found) return [...committed];
  const rows = await conn.query<{ name: string }>(`SELECT "name" FROM "_gatehouse_migrations"`);
  const applied = new Set(rows.map((r) => r.name));
  return committed.filter((name) => !applied.has(name));
}

export async function migrate(conn: SqlConnection, migrations: Migration[]): Promise<MigrateResult> {
  await conn.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
  try {
    await conn.exec(`CREATE TABLE IF NOT EXISTS "_gatehouse_migrations" (
      "name" TEXT PRIMARY KEY,
      "checksum" TEXT NOT NULL,
      "applied_at" TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const rows = await conn.query<{ name: string; checksum: string }>(
      `SELECT "name", "checksum" FROM "_gatehouse_migrations" ORDER BY "name"`,
    );
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const known = new Set(migrations.map((m) => m.name));

    for (const name of applied.keys()) {
      if (!known.has(name)) {
        throw new MigrationError(
          `Migration ${name} is applied to this database but missing from prisma/migrations. ` +
            "Is this an older Gatehouse than the one that migrated the database?",
        );
      }
    }
    for (const m of migrations) {
      const checksum = applied.get(m.name);
      if (checksum !== undefined && checksum !== m.checksum) {
        throw new MigrationError(
          `Migration ${m.name} was changed after it was applied (checksum ${checksum.slice(0, 12)}… ≠ ` +
            `${m.checksum.slice(0, 12)}…). Applied migrations must never be edited: add a new one.`,
        );
      }
    }

    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      await conn.exec("BEGIN");
      try {
        await conn.exec(m.sql);
        await conn.query(`INSERT INTO "_gatehouse_migrations" ("name", "checksum") VALUES ($1, $2)`, [
          m.name,
          m.checksum,
        ]);
        await conn.exec("COMMIT");
      } catch (err) {
        await conn.exec("ROLLBACK");
        throw new MigrationError(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
      done.push(m.name);
    }
    return { applied: done, alreadyApplied: applied.size };
  } finally {
    await conn.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
  }
}
