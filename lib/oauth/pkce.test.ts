import { describe, expect, it } from "vitest";
import { CODE_CHALLENGE_PATTERN, CODE_VERIFIER_PATTERN, s256, verifyPkce } from "./pkce";

// RFC 7636 Appendix B.
const RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

describe("s256 (RFC 7636 §4.2)", () => {
  it("PKCE-02: BASE64URL(SHA256(verifier)) matches the RFC 7636 Appendix B vector", () => {
    expect(s256(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  it("PKCE-05: an S256 challenge is exactly 43 base64url characters, with no padding", () => {
    expect(RFC_CHALLENGE).toMatch(CODE_CHALLENGE_PATTERN);
    expect(s256("x".repeat(128))).toMatch(CODE_CHALLENGE_PATTERN);
  });
});

describe("verifyPkce (RFC 7636 §4.6, PKCE-05, PKCE-06)", () => {
  it("PKCE-06: the RFC verifier matches its challenge", () => {
    expect(verifyPkce(RFC_VERIFIER, RFC_CHALLENGE)).toBe(true);
  });

  it("PKCE-06: another verifier does not match", () => {
    expect(verifyPkce(`${RFC_VERIFIER.slice(0, -1)}Y`, RFC_CHALLENGE)).toBe(false);
  });

  it("PKCE-06: the challenge itself is not a valid verifier for it (no plain method)", () => {
    expect(verifyPkce(RFC_CHALLENGE, RFC_CHALLENGE)).toBe(false);
  });

  it.each([
    ["43 characters (minimum)", "a".repeat(43), true],
    ["128 characters (maximum)", "a".repeat(128), true],
    ["every unreserved character", `${"A".repeat(36)}z09-._~`, true],
    ["42 characters", "a".repeat(42), false],
    ["129 characters", "a".repeat(129), false],
    ["a space", `${"a".repeat(42)} `, false],
    ["a '+'", `${"a".repeat(42)}+`, false],
    ["a '/'", `${"a".repeat(42)}/`, false],
    ["a non-ASCII letter", `${"a".repeat(42)}é`, false],
    ["empty", "", false],
  ])("PKCE-05: a verifier of %s (valid: %s)", (_case, verifier, valid) => {
    expect(CODE_VERIFIER_PATTERN.test(verifier)).toBe(valid);
    expect(verifyPkce(verifier, s256(verifier))).toBe(valid);
  });

  it("PKCE-06: a challenge of another length never matches (and does not throw)", () => {
    expect(verifyPkce(RFC_VERIFIER, RFC_CHALLENGE.slice(0, 42))).toBe(false);
    expect(verifyPkce(RFC_VERIFIER, "")).toBe(false);
  });
});
