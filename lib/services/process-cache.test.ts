import { afterEach, describe, expect, it, vi } from "vitest";
import { processCache } from "./process-cache";

let n = 0;
const fresh = <V>(ttl = 1_000, max?: number) => processCache<V>(`__test_cache_${n++}`, ttl, max);

afterEach(() => vi.useRealTimers());

describe("processCache", () => {
  it("concurrent misses for one key share one load", async () => {
    const cache = fresh<number>();
    const load = vi.fn(() => new Promise<number>((r) => setTimeout(() => r(7), 10)));
    expect(await Promise.all(Array.from({ length: 64 }, () => cache.get("k", load)))).toEqual(Array(64).fill(7));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("answers from memory within the TTL and loads again after it", async () => {
    vi.useFakeTimers({ now: 0 });
    const cache = fresh<number>(1_000);
    const load = vi.fn(async () => load.mock.calls.length);
    expect(await cache.get("k", load)).toBe(1);
    vi.setSystemTime(999);
    expect(await cache.get("k", load)).toBe(1);
    vi.setSystemTime(1_000);
    expect(await cache.get("k", load)).toBe(2);
  });

  it("forgets a key on delete, and never remembers a failed load", async () => {
    const cache = fresh<string>();
    await expect(cache.get("k", () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(await cache.get("k", async () => "ok")).toBe("ok");
    cache.delete("k");
    expect(await cache.get("k", async () => "again")).toBe("again");
  });

  it("is one cache per name across module copies (globalThis), and starts over past its size", async () => {
    const name = `__test_cache_${n++}`;
    await processCache<number>(name, 1_000).get("k", async () => 1);
    expect(await processCache<number>(name, 1_000).get("k", async () => 2)).toBe(1);
    const small = fresh<number>(1_000, 2);
    await small.get("a", async () => 1);
    await small.get("b", async () => 1);
    await small.get("c", async () => 1);
    expect(await small.get("a", async () => 2)).toBe(2);
  });
});
