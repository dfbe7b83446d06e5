// Ids and tokens come from a pooled random buffer (lib/ids.ts): every length is served, bytes are
// never handed out twice (across refills too), and nothing outside 1..4096 bytes is accepted.
import { describe, expect, it } from "vitest";
import { newId, randomToken } from "./ids";

describe("randomToken", () => {
  it("returns base64url of the asked number of bytes", () => {
    for (const bytes of [1, 8, 15, 16, 18, 32, 4096]) {
      const token = randomToken(bytes);
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(bytes);
    }
  });

  it("never repeats across many pool refills, at sizes that straddle the pool's end", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(randomToken(i % 2 ? 16 : 33));
    expect(seen.size).toBe(5000);
  });

  it("is not a constant or a zeroed buffer", () => {
    const bytes = Buffer.concat(Array.from({ length: 64 }, () => Buffer.from(randomToken(32), "base64url")));
    expect(new Set(bytes).size).toBeGreaterThan(200);
  });

  it.each([0, -1, 1.5, 4097, Number.NaN])("refuses %s bytes", (bytes) => {
    expect(() => randomToken(bytes)).toThrow(RangeError);
  });

  it("prefixes ids with their kind", () => {
    expect(newId("request")).toMatch(/^req_[A-Za-z0-9_-]{22}$/);
  });
});
