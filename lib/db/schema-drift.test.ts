// The committed migrations and prisma/schema.prisma must describe the same database: apply the
// migrations to one fresh PGlite, the schema (as Prisma would create it from nothing) to another,
// and compare their catalogs.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadMigrations, migrate } from "./migrate";
import { newPglite } from "./pglite";
import { pgliteConnection } from "./sql-connection";

const CATALOG = `
  SELECT 'column' AS kind, table_name || '.' || column_name AS name,
         data_type || '|' || is_nullable || '|' || coalesce(column_default, '') AS def
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_gatehouse_migrations'
  UNION ALL
  SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_gatehouse_migrations'
  UNION ALL
  SELECT 'constraint', conname, pg_get_constraintdef(oid) FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace AND conrelid <> coalesce(to_regclass('public._gatehouse_migrations'), 0)::oid
  UNION ALL
  SELECT 'enum', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
  ORDER BY 1, 2`;

/**
 * Index storage parameters Prisma's schema language cannot express: set by a migration, checked to be
 * there, then left out of the comparison (prisma/schema.prisma says so beside each index).
 */
const STORAGE_PARAMETERS: Record<string, string> = {
  User_email_trgm_idx: " WITH (fastupdate=off)",
  User_name_trgm_idx: " WITH (fastupdate=off)",
};

function withoutStorageParameters(rows: { kind: string; name: string; def: string }[]) {
  return rows.map((row) => {
    const suffix = row.kind === "index" ? STORAGE_PARAMETERS[row.name] : undefined;
    if (suffix === undefined) return row;
    expect(row.def.endsWith(suffix), `${row.name} is built${suffix}`).toBe(true);
    return { ...row, def: row.def.slice(0, -suffix.length) };
  });
}

describe("schema drift", () => {
  it("the committed migrations build exactly the database that schema.prisma describes", async () => {
    const fromMigrations = newPglite();
    await migrate(pgliteConnection(fromMigrations), await loadMigrations());

    const script = execFileSync(
      "npx",
      ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      {
        env: { ...process.env, DATABASE_URL: "postgresql://placeholder@localhost/placeholder" },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    const fromSchema = newPglite();
    await fromSchema.exec(script);

    const a = withoutStorageParameters(
      (await fromMigrations.query<{ kind: string; name: string; def: string }>(CATALOG)).rows,
    );
    const b = (await fromSchema.query(CATALOG)).rows;
    expect(a.length).toBeGreaterThan(10);
    expect(a).toEqual(b);
    await fromMigrations.close();
    await fromSchema.close();
  }, 120_000); // two fresh PGlite instances and a Prisma CLI run: slow on a busy 2-core machine
});
