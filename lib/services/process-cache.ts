// A short-lived read-through cache for the protocol endpoints' hot lookups (an MCP server by slug,
// a client by id). One per process, on globalThis: Next.js bundles route handlers and server
// actions separately, and a write made by an action must reach the protocol routes' copy at once.
// Concurrent misses for one key share one load: when an entry expires under load (64 requests in
// flight), one query refreshes it instead of 64 queueing for the connection pool.
interface Entry<V> {
  at: number;
  value: Promise<V>;
}

export interface ProcessCache<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  delete(key: string): void;
  /** Forgets every entry (a lost invalidation notification: anything may be stale). */
  clear(): void;
}

export function processCache<V>(name: string, ttlMs: number, maxEntries = 10_000): ProcessCache<V> {
  const registry = globalThis as unknown as Record<string, Map<string, Entry<V>> | undefined>;
  const entries = (registry[name] ??= new Map());
  return {
    get(key, load) {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      if (entries.size >= maxEntries) entries.clear();
      const entry: Entry<V> = { at: now, value: load() };
      entries.set(key, entry);
      // A failed load is not remembered: the next caller tries again.
      entry.value.catch(() => entries.get(key) === entry && entries.delete(key));
      return entry.value;
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
  };
}
