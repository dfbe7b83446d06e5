// The embedded database's memory of access tokens found active, so that introspection and the
// demo MCP server answer a token they have already checked without a query (on PGlite every query
// runs on this process's CPU). It is exact, not a TTL cache: every change that can end a token
// (migration 20261128080000_token_status_notify) makes the database NOTIFY on commit, PGlite hands
// that notification to this process before the writing code continues (lib/db/client.ts, listen),
// and the notification forgets everything. Only "active" answers are kept: a change can only end a
// token, never revive one.
//
// PostgreSQL gets no cache: several instances share it, and another instance's notification would
// arrive asynchronously, after a window in which a revoked token could still pass here.
import type { Database } from "@/lib/db/client";
import { logger } from "@/lib/logger";

export const TOKEN_STATUS_CHANNEL = "gatehouse_token_status";
/** Plenty for the tokens alive at once on one embedded instance; past it, start over. */
const MAX_ENTRIES = 50_000;

export interface TokenStatusCache {
  /** The generation a check starts in: pass it to rememberActive() with the answer. */
  generation(): number;
  isKnownActive(key: string): boolean;
  /** Keeps the answer unless a status change was announced since `generation`. */
  rememberActive(key: string, generation: number): void;
}

class StatusMemory implements TokenStatusCache {
  listening = false;
  #generation = 0;
  readonly #active = new Map<string, number>();

  generation(): number {
    return this.#generation;
  }

  isKnownActive(key: string): boolean {
    return this.#active.get(key) === this.#generation;
  }

  rememberActive(key: string, generation: number): void {
    if (generation !== this.#generation) return; // a change was announced while the query ran
    if (this.#active.size >= MAX_ENTRIES) this.#active.clear();
    this.#active.set(key, generation);
  }

  /** A status change was committed: everything known so far may be stale. */
  forget(): void {
    this.#generation++;
    this.#active.clear();
  }
}

// Per Database object (tests swap databases); on globalThis because Next.js bundles route
// handlers separately and each bundle would otherwise hold its own copy.
const registry = globalThis as unknown as { __gatehouseTokenStatusCaches?: WeakMap<Database, StatusMemory> };

/** The cache for this database, or undefined where none is safe (PostgreSQL) or not listening yet. */
export function tokenStatusCache(db: Database): TokenStatusCache | undefined {
  if (db.kind !== "pglite" || !db.listen) return undefined;
  const caches = (registry.__gatehouseTokenStatusCaches ??= new WeakMap());
  let memory = caches.get(db);
  if (!memory) {
    const created = new StatusMemory();
    memory = created;
    caches.set(db, created);
    db.listen(TOKEN_STATUS_CHANNEL, () => created.forget()).then(
      () => (created.listening = true),
      (err: unknown) => logger.warn("token_status.listen_failed", { err }),
    );
  }
  return memory.listening ? memory : undefined;
}
