// Prefixed random identifiers (unkey style): the prefix says what an id is, so a leaked or
// pasted id is recognisable, and secret scanners can match what we mint.
import { randomBytes } from "node:crypto";

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

/** base64url of `bytes` random bytes: 16 bytes → 22 characters, 128 bits. */
export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString("base64url");
}

export function newId(kind: IdKind): string {
  return `${PREFIXES[kind]}_${randomToken(16)}`;
}
