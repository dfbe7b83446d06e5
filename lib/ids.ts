// Prefixed random identifiers (unkey style): the prefix says what an id is, so a leaked or
// pasted id is recognisable, and secret scanners can match what we mint.
import { randomFillSync } from "node:crypto";

const PREFIXES = {
  user: "usr",
  server: "srv",
  scope: "scp",
  audit: "aud",
  request: "req",
  client: "cli",
  apiKey: "key",
  family: "fam",
  consent: "cns",
  authRequest: "ar",
  webhook: "whk",
  event: "evt",
  delivery: "dlv",
  initialAccessToken: "iat",
  identityProvider: "idp",
  identity: "uid",
  pendingLogin: "pl",
  idempotencyKey: "idk",
  invite: "inv",
  scimToken: "sct",
  statusList: "sl",
} as const;

export type IdKind = keyof typeof PREFIXES;

// Random bytes come from a pool refilled 4 KiB at a time, as Node's own randomUUID does: one
// getrandom call per ~250 ids instead of one each. On these machines a randomBytes(16) costs 15–50 µs,
// more than the rest of an introspection's request id, token id and log line together. The bytes
// handed out are zeroed in the pool at once, so a secret never lingers there.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

/** base64url of `bytes` (at most 4,096) random bytes: 16 bytes → 22 characters, 128 bits. */
export function randomToken(bytes = 16): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > POOL_BYTES) throw new RangeError(`randomToken(${bytes})`);
  if (poolOffset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const token = pool.toString("base64url", poolOffset, poolOffset + bytes);
  pool.fill(0, poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return token;
}

export function newId(kind: IdKind): string {
  return `${PREFIXES[kind]}_${randomToken(16)}`;
}
