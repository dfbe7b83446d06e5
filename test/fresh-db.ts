// A fresh, migrated, throw-away database: in-memory PGlite, or a new database on the PostgreSQL
// server that DATABASE_URL points at (dropped again by `drop`). Used by tests and benchmarks.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations, openPglite, openPostgres, type Database } from "@/lib/db/client";

export async function openFreshDatabase(
  url = process.env.DATABASE_URL,
): Promise<{ database: Database; drop: () => Promise<void>; url?: string }> {
  if (!url) {
    const database = openPglite("memory://");
    await applyMigrations(database);
    return { database, drop: () => database.close() };
  }
  const name = `gh_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = openPostgres(testUrl.toString());
  await applyMigrations(database);
  return {
    database,
    /** PostgreSQL only: for a test that needs a second connection pool, as another instance has. */
    url: testUrl.toString(),
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
