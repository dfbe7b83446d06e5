// Client identifiers and secrets. Secrets are 256-bit random values, so a fast hash is right
// (a password KDF buys nothing against a value that cannot be guessed, and costs throughput);
// they are stored only as SHA-256 and compared in constant time. Prefixes let secret scanners
// recognise leaked values (ghc_ client ids, ghs_ secrets).
import { createHash, timingSafeEqual } from "node:crypto";
import { randomToken } from "@/lib/ids";

export const CLIENT_ID_PREFIX = "ghc_";
export const CLIENT_SECRET_PREFIX = "ghs_";

/** "ghc_" + 24 base64url characters (144 bits). Never starts with https:// (reserved for CIMD). */
export function generateClientId(): string {
  return `${CLIENT_ID_PREFIX}${randomToken(18)}`;
}

/** "ghs_" + 43 base64url characters (256 bits). */
export function generateClientSecret(): string {
  return `${CLIENT_SECRET_PREFIX}${randomToken(32)}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function secretHashMatches(presented: string, storedHash: string | null | undefined): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashSecret(presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export function lastFour(secret: string): string {
  return secret.slice(-4);
}

export interface StoredClientSecrets {
  secretHash: string | null;
  previousSecretHash: string | null;
  previousSecretExpiresAt: Date | null;
}

/**
 * Which stored secret `presented` is: the current one, the previous one inside its grace window
 * (after a rotation both work until it ends), or none. Both hashes are always checked, so the
 * time taken does not tell which matched.
 */
export function verifyClientSecret(
  stored: StoredClientSecrets,
  presented: string,
  now: Date,
): "current" | "previous" | null {
  const current = secretHashMatches(presented, stored.secretHash);
  const previous = secretHashMatches(presented, stored.previousSecretHash);
  if (current) return "current";
  if (previous && stored.previousSecretExpiresAt !== null && now < stored.previousSecretExpiresAt) return "previous";
  return null;
}
