import { describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { checksumOf, loadMigrations, migrate, MigrationError, type Migration } from "./migrate";

const database = await createTestDb();

function m(name: string, sql: string): Migration {
  return { name, sql, checksum: checksumOf(sql) };
}

describe("migration runner", () => {
  it("has applied every committed migration to the test database", async () => {
    const files = await loadMigrations();
    const rows = await database.withConnection((c) =>
      c.query<{ name: string }>(`SELECT name FROM "_gatehouse_migrations" ORDER BY name`),
    );
    expect(rows.map((r) => r.name)).toEqual(files.map((f) => f.name));
    expect(files.length).toBeGreaterThan(0);
  });

  it("applies each migration once, in order, and records it", async () => {
    const extra = [
      m("99990101000000_a", `CREATE TABLE "t_a" (x int);`),
      m("99990102000000_b", `INSERT INTO "t_a" VALUES (1);`),
    ];
    const all = [...(await loadMigrations()), ...extra];
    const first = await database.withConnection((c) => migrate(c, all));
    expect(first.applied).toEqual(["99990101000000_a", "99990102000000_b"]);
    const second = await database.withConnection((c) => migrate(c, all));
    expect(second.applied).toEqual([]);
    const rows = await database.withConnection((c) => c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "t_a"`));
    expect(rows[0]?.n).toBe(1);
  });

  it("refuses to start when an applied migration's file has changed", async () => {
    const all = [
      ...(await loadMigrations()),
      m("99990101000000_a", `CREATE TABLE "t_a" (x bigint);`),
      m("99990102000000_b", `INSERT INTO "t_a" VALUES (1);`),
    ];
    await expect(database.withConnection((c) => migrate(c, all))).rejects.toThrow(/was changed after it was applied/);
  });

  it("refuses to start when an applied migration is missing from disk", async () => {
    const all = [...(await loadMigrations()), m("99990102000000_b", `INSERT INTO "t_a" VALUES (1);`)];
    await expect(database.withConnection((c) => migrate(c, all))).rejects.toBeInstanceOf(MigrationError);
  });

  it("rolls back a failing migration completely and does not record it", async () => {
    const base = [
      ...(await loadMigrations()),
      m("99990101000000_a", `CREATE TABLE "t_a" (x int);`),
      m("99990102000000_b", `INSERT INTO "t_a" VALUES (1);`),
    ];
    const bad = m("99990103000000_bad", `CREATE TABLE "t_bad" (x int); SELECT * FROM "no_such_table";`);
    await expect(database.withConnection((c) => migrate(c, [...base, bad]))).rejects.toThrow(
      /99990103000000_bad failed/,
    );
    const tables = await database.withConnection((c) =>
      c.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 't_bad'`),
    );
    expect(tables).toHaveLength(0);
    const recorded = await database.withConnection((c) =>
      c.query(`SELECT 1 FROM "_gatehouse_migrations" WHERE name = '99990103000000_bad'`),
    );
    expect(recorded).toHaveLength(0);
  });
});

describe.skipIf(database.kind !== "postgres")("migration runner on PostgreSQL", () => {
  it("lets several instances start together: the advisory lock applies each migration once", async () => {
    const all = [
      ...(await loadMigrations()),
      m("99990101000000_a", `CREATE TABLE "t_a" (x int);`),
      m("99990102000000_b", `INSERT INTO "t_a" VALUES (1);`),
      m("99990104000000_c", `INSERT INTO "t_a" VALUES (2);`),
    ];
    const results = await Promise.all(Array.from({ length: 4 }, () => database.withConnection((c) => migrate(c, all))));
    expect(results.flatMap((r) => r.applied)).toEqual(["99990104000000_c"]);
    const rows = await database.withConnection((c) => c.query<{ n: number }>(`SELECT count(*)::int AS n FROM "t_a"`));
    expect(rows[0]?.n).toBe(2);
  });
});
