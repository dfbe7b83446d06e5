// A minimal SQL connection over the two drivers Gatehouse runs on, for the migration runner
// and test databases (which need raw, multi-statement SQL and a single session for locks).
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export interface SqlConnection {
  /**
   * One statement with $1… parameters. `name` (PostgreSQL): a statement this connection prepares
   * the first time and then only executes (the same name must always carry the same text).
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Several statements, no parameters (a migration file). */
  exec(sql: string): Promise<void>;
}

export function pgliteConnection(db: PGlite): SqlConnection {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await db.query<T>(sql, params);
      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

export function pgConnection(client: pg.Client | pg.PoolClient): SqlConnection {
  return {
    async query<T>(sql: string, params: unknown[] = [], name?: string) {
      const result = name ? await client.query({ name, text: sql, values: params }) : await client.query(sql, params);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}
