// DPoP server nonces (RFC 9449 §8, §9) for Gatehouse's token endpoint. Proof verification itself is
// shared with resource servers and lives in the verifier package (@gatehouse/mcp-resource-auth/dpop).
import { createHmac, timingSafeEqual } from "node:crypto";

// Server nonces (RFC 9449 §8, §9) without server state: a nonce is a time bucket and an HMAC of it
// under a key derived from GATEHOUSE_SECRET, so every instance issues and accepts the same nonces.
// A nonce is accepted during its bucket and the next one (2–4 minutes of life with 2-minute buckets).
export const DPOP_NONCE_BUCKET_SECONDS = 120;

export interface DpopNonces {
  current(now: Date): string;
  isValid(nonce: string | undefined, now: Date): boolean;
}

export function dpopNonces(key: Buffer | string): DpopNonces {
  const mac = (bucket: number) =>
    createHmac("sha256", key).update(`dpop-nonce:${bucket}`).digest().subarray(0, 16).toString("base64url");
  const bucketOf = (now: Date) => Math.floor(now.getTime() / 1000 / DPOP_NONCE_BUCKET_SECONDS);
  return {
    current: (now) => {
      const bucket = bucketOf(now);
      return `${bucket.toString(36)}.${mac(bucket)}`;
    },
    isValid: (nonce, now) => {
      if (!nonce) return false;
      const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(nonce);
      if (!match) return false;
      const bucket = parseInt(match[1]!, 36);
      const current = bucketOf(now);
      if (bucket !== current && bucket !== current - 1) return false;
      return safeEqual(match[2]!, mac(bucket));
    },
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
