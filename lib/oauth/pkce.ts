// PKCE (RFC 7636, OAuth 2.1 §4.1.1): S256 only. A missing method means "plain", which is refused
// (PKCE-04); challenges are exactly 43 base64url characters, verifiers 43–128 unreserved characters.
import { createHash, timingSafeEqual } from "node:crypto";

export const CODE_CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const CODE_VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

export function verifyPkce(verifier: string, challenge: string): boolean {
  if (!CODE_VERIFIER_PATTERN.test(verifier)) return false;
  const a = Buffer.from(s256(verifier));
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
