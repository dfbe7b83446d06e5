// A fresh, migrated database per test file: in-memory PGlite by default, or, when DATABASE_URL is
// set (CI runs the suite on PostgreSQL too), a new throw-away database on that server.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { applyMigrations, openPglite, openPostgres, setDatabase, type Database } from "@/lib/db/client";

export async function createTestDb(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  if (url) {
    const name = `gh_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const testUrl = new URL(url);
    testUrl.pathname = `/${name}`;
    database = openPostgres(testUrl.toString());
    drop = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  } else {
    database = openPglite("memory://");
  }
  await applyMigrations(database);
  setDatabase(database);
  afterAll(async () => {
    setDatabase(undefined);
    await database.close();
    await drop?.();
  });
  return database;
}
