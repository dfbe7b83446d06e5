// The only file that chooses the database driver: embedded PGlite in GATEHOUSE_DATA_DIR by
// default, PostgreSQL through @prisma/adapter-pg when DATABASE_URL is a postgres:// URL.
// One database per process, kept on globalThis so Next.js dev reloads do not open PGlite twice
// (PGlite holds its data folder for a single process).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { PrismaClient, type Prisma } from "./generated/prisma/client";
import { newPglite } from "./pglite";
import { loadMigrations, migrate, type MigrateResult } from "./migrate";
import { pgConnection, pgliteConnection, type SqlConnection } from "./sql-connection";

export type Db = PrismaClient;
/** A Prisma client or an open transaction: what repositories and services accept. */
export type DbOrTx = PrismaClient | Prisma.TransactionClient;

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** A single raw SQL session (migrations, advisory locks). */
  withConnection<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function openPglite(dataDir: string): Database {
  const isMemory = dataDir.startsWith("memory://");
  if (!isMemory) mkdirSync(path.resolve(dataDir), { recursive: true });
  const pglite = newPglite(isMemory ? dataDir : path.resolve(dataDir));
  const prisma = new PrismaClient({ adapter: pgliteAdapter(pglite) });
  // PGlite is a single session: serialise raw work with Prisma's own use of it.
  return {
    kind: "pglite",
    prisma,
    withConnection: (fn) => fn(pgliteConnection(pglite)),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * pglite-prisma-adapter 0.6 declares its types against @prisma/driver-adapter-utils 6.10, Prisma
 * 6.19 against 6.19: the same runtime interface, two copies of its type declarations.
 */
export function pgliteAdapter(pglite: PGlite): SqlDriverAdapterFactory {
  return new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory;
}

export function openPostgres(connectionString: string): Database {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle pooled connection that the server drops (restart, failover, admin action) must not
  // crash the process: pg emits it on the pool, and the next query simply gets a new connection.
  pool.on("error", (err) => logger.warn("db.idle_connection_error", { message: err.message }));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(pgConnection(client));
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

export function openConfiguredDatabase(): Database {
  const { DATABASE_URL, GATEHOUSE_DATA_DIR } = env();
  return DATABASE_URL ? openPostgres(DATABASE_URL) : openPglite(GATEHOUSE_DATA_DIR);
}

export async function applyMigrations(database: Database): Promise<MigrateResult> {
  const migrations = await loadMigrations();
  return database.withConnection((conn) => migrate(conn, migrations));
}

const g = globalThis as unknown as { __gatehouseDb?: Database };

/** The process-wide database. */
export function database(): Database {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("The database is not available while building: make this page dynamic (await connection()).");
  }
  g.__gatehouseDb ??= openConfiguredDatabase();
  return g.__gatehouseDb;
}

/** The process-wide Prisma client. */
export function db(): PrismaClient {
  return database().prisma;
}

/** Tests install their own fresh database for the file; the CLI closes it when done. */
export function setDatabase(next: Database | undefined): void {
  g.__gatehouseDb = next;
}

/**
 * A read through the driver itself, bypassing Prisma's query engine (≈0.4 ms instead of ≈1 ms on
 * PGlite): only for the hottest per-request reads. On PGlite it waits for any open transaction
 * (PGlite serialises queries with transactions), so it never sees uncommitted data.
 */
export function rawRows<T>(sql: string, params: unknown[]): Promise<T[]> {
  return database().withConnection((c) => c.query<T>(sql, params));
}
