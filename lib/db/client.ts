// The only file that chooses the database driver: embedded PGlite in GATEHOUSE_DATA_DIR by
// default, PostgreSQL through @prisma/adapter-pg when DATABASE_URL is a postgres:// URL.
// One database per process, kept on globalThis so Next.js dev reloads do not open PGlite twice.
// PGlite holds its data folder for a single process: openPglite takes the folder's lock first
// (data-folder-lock.ts), so a second process (the CLI beside the server) is refused, not corrupting.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { timed, timedAdapter } from "@/lib/metrics/db-timing";
import { PrismaClient, type Prisma } from "./generated/prisma/client";
import { lockDataFolder } from "./data-folder-lock";
import { newPglite } from "./pglite";
import { loadMigrations, migrate, type MigrateResult } from "./migrate";
import { pgConnection, pgliteConnection, type SqlConnection } from "./sql-connection";
import { sqlLiteral } from "./sql-literal";

export type Db = PrismaClient;
/** A Prisma client or an open transaction: what repositories and services accept. */
export type DbOrTx = PrismaClient | Prisma.TransactionClient;

/** A hot read that each session parses and plans once, then runs by name. */
export interface PreparedStatement {
  /** Unique in the process, a lower-case SQL identifier ("gatehouse_token_status"). */
  name: string;
  /** One statement with $1… parameters. */
  sql: string;
  /** The PostgreSQL type of each parameter, in order ("text"). */
  paramTypes: string[];
}

export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** A single raw SQL session (migrations, advisory locks). */
  withConnection<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T>;
  /** Runs a prepared statement: PREPARE/EXECUTE on PGlite, a named statement per connection on PostgreSQL. */
  prepared<T>(statement: PreparedStatement, params: readonly (string | null)[]): Promise<T[]>;
  /**
   * Embedded database only: call `onNotify` for every NOTIFY on `channel`. PGlite is this
   * process's only session, and it hands a committing statement's notifications to listeners
   * (queued as microtasks) before that statement's own promise settles, so a listener has heard of
   * a write before the code that made it continues.
   */
  listen?(channel: string, onNotify: (payload: string) => void): Promise<void>;
  /** PostgreSQL only: for the dedicated LISTEN session (lib/db/notification-listener.ts). */
  connectionString?: string;
  close(): Promise<void>;
}

/** Opens an embedded database: in memory ("memory://"), or a folder, after taking its lock (or throws DataFolderInUseError). */
export function openPglite(dataDir: string): Database {
  const isMemory = dataDir.startsWith("memory://");
  if (!isMemory) mkdirSync(path.resolve(dataDir), { recursive: true });
  const lock = isMemory ? undefined : lockDataFolder(dataDir);
  let pglite: PGlite;
  try {
    pglite = newPglite(isMemory ? dataDir : path.resolve(dataDir));
  } catch (err) {
    lock?.release();
    throw err;
  }
  const prisma = new PrismaClient({ adapter: timedAdapter(pgliteAdapter(pglite)) });
  // PGlite is a single session: serialise raw work with Prisma's own use of it.
  return {
    kind: "pglite",
    prisma,
    withConnection: (fn) => fn(pgliteConnection(pglite)),
    prepared: pglitePrepared(pglite),
    async listen(channel, onNotify) {
      await pglite.listen(channel, (payload) => onNotify(payload));
    },
    async close() {
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        lock?.release();
      }
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
  const prisma = new PrismaClient({ adapter: timedAdapter(new PrismaPg(pool)) });
  return {
    kind: "postgres",
    prisma,
    connectionString,
    async withConnection(fn) {
      const client = await pool.connect();
      let failed: Error | undefined;
      try {
        return await fn(pgConnection(client));
      } catch (err) {
        // The server dropped a statement this connection named (DEALLOCATE, DISCARD ALL, a pooler),
        // behind pg's per-connection memory of it: retire the connection rather than keep it broken.
        if (isDroppedStatement(err)) failed = err as Error;
        throw err;
      } finally {
        client.release(failed);
      }
    },
    async prepared<T>(statement: PreparedStatement, params: readonly (string | null)[]): Promise<T[]> {
      checkCall(statement, params);
      const client = await pool.connect();
      try {
        const result = await client.query({ name: statement.name, text: statement.sql, values: [...params] });
        client.release();
        return result.rows as T[];
      } catch (err) {
        if (sqlState(err) !== NO_SUCH_PREPARED_STATEMENT) {
          client.release();
          throw err;
        }
        // The server dropped it behind pg's per-connection cache (DEALLOCATE, DISCARD ALL, a
        // pooler): retire that connection and answer this call with a plain parameterized query.
        client.release(err as Error);
        return (await pool.query(statement.sql, [...params])).rows as T[];
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** SQLSTATE 26000: "prepared statement … does not exist". */
const NO_SUCH_PREPARED_STATEMENT = "26000";
/** SQLSTATE 42P05: "prepared statement … already exists". */
const DUPLICATE_PREPARED_STATEMENT = "42P05";

/** True when the server no longer has a statement the connection prepared under a name (SQLSTATE 26000). */
export function isDroppedStatement(err: unknown): boolean {
  return sqlState(err) === NO_SUCH_PREPARED_STATEMENT;
}

function sqlState(err: unknown): unknown {
  return typeof err === "object" && err !== null && "code" in err ? err.code : undefined;
}

function checkCall(statement: PreparedStatement, params: readonly unknown[]): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(statement.name))
    throw new Error(`Prepared statement name "${statement.name}" is not a lower-case SQL identifier.`);
  if (params.length !== statement.paramTypes.length) {
    throw new Error(
      `Prepared statement ${statement.name} takes ${statement.paramTypes.length} parameters, not ${params.length}.`,
    );
  }
}

/**
 * PGlite is one session: PREPARE each statement once, then EXECUTE it. EXECUTE takes no $n
 * parameters, so the arguments travel as string literals, which is only sound while
 * standard_conforming_strings is on; otherwise every call stays a plain parameterized query.
 */
function pglitePrepared(pglite: PGlite): Database["prepared"] {
  // Per name: the PREPARE in flight or done, shared by concurrent first callers. `false`: use
  // plain queries. The closure makes it per PGlite instance.
  const prepares = new Map<string, { sql: string; ready: Promise<boolean> }>();

  async function prepare(statement: PreparedStatement): Promise<boolean> {
    const show = await pglite.query<{ standard_conforming_strings: string }>("SHOW standard_conforming_strings");
    if (show.rows[0]?.standard_conforming_strings !== "on") {
      logger.warn("db.prepared_statement_fallback", {
        statement: statement.name,
        reason: "standard_conforming_strings is off",
      });
      return false;
    }
    const types = statement.paramTypes.length ? `(${statement.paramTypes.join(", ")})` : "";
    const text = `PREPARE ${statement.name}${types} AS ${statement.sql}`;
    try {
      await pglite.query(text);
    } catch (err) {
      // Someone else prepared this name in the session: ours replaces it.
      if (sqlState(err) !== DUPLICATE_PREPARED_STATEMENT) throw err;
      await pglite.query(`DEALLOCATE ${statement.name}`);
      await pglite.query(text);
    }
    return true;
  }

  function ready(statement: PreparedStatement, stale?: Promise<boolean>): Promise<boolean> {
    const known = prepares.get(statement.name);
    if (known && known.sql !== statement.sql)
      throw new Error(`Two different statements are prepared as ${statement.name}.`);
    if (known && known.ready !== stale) return known.ready;
    const entry = { sql: statement.sql, ready: prepare(statement) };
    prepares.set(statement.name, entry);
    // A failed PREPARE is not remembered: the next call tries again.
    entry.ready.catch(() => prepares.get(statement.name) === entry && prepares.delete(statement.name));
    return entry.ready;
  }

  /**
   * The EXECUTE (its parameters already literals) in the simple query protocol: PGlite's query()
   * speaks the extended protocol in six calls into the WebAssembly module (parse, two describes,
   * bind, execute, sync), exec() in two. Same rows, parsed by the same type parsers.
   */
  async function executeRows<T>(execute: string): Promise<T[]> {
    const [result] = await pglite.exec(execute);
    return (result?.rows ?? []) as T[];
  }

  return async <T>(statement: PreparedStatement, params: readonly (string | null)[]): Promise<T[]> => {
    checkCall(statement, params);
    const first = ready(statement);
    if (!(await first)) return (await pglite.query<T>(statement.sql, [...params])).rows;
    const execute = params.length
      ? `EXECUTE ${statement.name}(${params.map(sqlLiteral).join(", ")})`
      : `EXECUTE ${statement.name}`;
    try {
      return await executeRows<T>(execute);
    } catch (err) {
      if (sqlState(err) !== NO_SUCH_PREPARED_STATEMENT) throw err;
      // Deallocated behind our back (DEALLOCATE ALL, DISCARD ALL): prepare again, once.
      if (!(await ready(statement, first))) return (await pglite.query<T>(statement.sql, [...params])).rows;
      return await executeRows<T>(execute);
    }
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
  // Open: the common case, without reading process.env (a call into the environment each time).
  if (g.__gatehouseDb) return g.__gatehouseDb;
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("The database is not available while building: make this page dynamic (await connection()).");
  }
  g.__gatehouseDb = openConfiguredDatabase();
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
  return timed("raw", () => database().withConnection((c) => c.query<T>(sql, params)));
}

/**
 * rawRows for a statement that runs on every request: parsed and planned once per session (the
 * four-table token-status join: ≈0.5 ms instead of ≈1.15 ms CPU on PGlite, a quarter of the server
 * CPU on PostgreSQL). Waits for open transactions the same way.
 */
export function preparedRows<T>(statement: PreparedStatement, params: (string | null)[]): Promise<T[]> {
  return timed("raw", () => database().prepared<T>(statement, params));
}
