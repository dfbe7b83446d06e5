// Process-wide state. Next.js bundles pages/, app/ and instrumentation.ts separately, so a
// module-level `const x = new Map()` exists once per bundle: a counter incremented by the token
// endpoint (pages/api) was never seen by the flush timer started from instrumentation.ts. Anything
// remembered, counted or scheduled in memory lives here instead, on globalThis, once per process.
const registry = ((
  globalThis as unknown as { __gatehouseProcessState?: Map<string, unknown> }
).__gatehouseProcessState ??= new Map());

/** The process's one value under `key`, created by `init` on first use (whichever bundle asks first). */
export function processWide<T>(key: string, init: () => T): T {
  if (!registry.has(key)) registry.set(key, init());
  return registry.get(key) as T;
}
