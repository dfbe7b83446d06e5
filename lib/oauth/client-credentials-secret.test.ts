import { describe, expect, it } from "vitest";
import {
  generateClientId,
  generateClientSecret,
  hashSecret,
  lastFour,
  secretHashMatches,
  verifyClientSecret,
} from "./client-credentials-secret";

describe("client identifiers and secrets", () => {
  it("mints prefixed ids (≥22 random characters) that never look like a metadata-document URL", () => {
    const id = generateClientId();
    expect(id).toMatch(/^ghc_[A-Za-z0-9_-]{24}$/);
    expect(id.startsWith("https://")).toBe(false);
    expect(generateClientId()).not.toBe(id);
  });

  it("mints 256-bit secrets and stores only their SHA-256", () => {
    const s = generateClientSecret();
    expect(s).toMatch(/^ghs_[A-Za-z0-9_-]{43}$/);
    expect(hashSecret(s)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(s)).not.toContain(s);
    expect(secretHashMatches(s, hashSecret(s))).toBe(true);
    expect(secretHashMatches(`${s}x`, hashSecret(s))).toBe(false);
    expect(secretHashMatches(s, null)).toBe(false);
    expect(lastFour(s)).toBe(s.slice(-4));
  });
});

describe("verifyClientSecret with a rotation grace window (injected clock)", () => {
  const oldSecret = generateClientSecret();
  const newSecret = generateClientSecret();
  const rotatedAt = new Date("2026-03-01T12:00:00Z");
  const stored = {
    secretHash: hashSecret(newSecret),
    previousSecretHash: hashSecret(oldSecret),
    previousSecretExpiresAt: new Date(rotatedAt.getTime() + 3_600_000),
  };

  it("accepts the new secret at any time", () => {
    expect(verifyClientSecret(stored, newSecret, rotatedAt)).toBe("current");
    expect(verifyClientSecret(stored, newSecret, new Date("2030-01-01"))).toBe("current");
  });

  it("accepts the previous secret until the window ends, and not after", () => {
    expect(verifyClientSecret(stored, oldSecret, new Date(rotatedAt.getTime() + 3_599_999))).toBe("previous");
    expect(verifyClientSecret(stored, oldSecret, new Date(rotatedAt.getTime() + 3_600_000))).toBeNull();
  });

  it("refuses the previous secret when it was revoked immediately, and any other value", () => {
    expect(
      verifyClientSecret({ ...stored, previousSecretHash: null, previousSecretExpiresAt: null }, oldSecret, rotatedAt),
    ).toBeNull();
    expect(verifyClientSecret(stored, "ghs_wrong", rotatedAt)).toBeNull();
  });
});
