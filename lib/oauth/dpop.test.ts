// RFC 9449 §8/§9 server nonces (checklist DPOP-10); proof rules are tested with the verifier package.
import { describe, expect, it } from "vitest";
import { dpopNonces } from "./dpop";

const NOW = new Date("2026-12-04T10:00:00Z");

describe("dpopNonces", () => {
  it("DPOP-10: accepts the current and the previous bucket, across instances sharing the secret", () => {
    const a = dpopNonces("s".repeat(32));
    const b = dpopNonces("s".repeat(32));
    const n = a.current(NOW);
    expect(b.isValid(n, NOW)).toBe(true);
    expect(b.isValid(n, new Date(NOW.getTime() + 120_000))).toBe(true);
    expect(b.isValid(n, new Date(NOW.getTime() + 240_000))).toBe(false);
    expect(dpopNonces("t".repeat(32)).isValid(n, NOW)).toBe(false);
    expect(a.isValid(undefined, NOW)).toBe(false);
  });
});
