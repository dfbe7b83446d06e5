// A fresh, migrated database per test file: in-memory PGlite by default, or, when DATABASE_URL is
// set (CI runs the suite on PostgreSQL too), a new throw-away database on that server.
import { afterAll } from "vitest";
import { setDatabase, type Database } from "@/lib/db/client";
import { openFreshDatabase } from "./fresh-db";

export async function createTestDb(): Promise<Database> {
  const { database, drop } = await openFreshDatabase();
  setDatabase(database);
  afterAll(async () => {
    setDatabase(undefined);
    await drop();
  });
  return database;
}
