// Token Status List (draft-ietf-oauth-status-list): a resource server that verifies access tokens
// itself learns of revocations without asking Gatehouse per request. Each access token names a bit
// (`status.status_list: {idx, uri}`, §6.1); the Status List Token at `uri` is a JWT (typ
// statuslist+jwt, §5.1) whose `status_list.lst` is the bit array, one bit per token (bits: 1, §4.1),
// 0 = VALID and 1 = INVALID (§7.1), index i at bit i % 8 of byte ⌊i / 8⌋ counting from the least
// significant bit, compressed with DEFLATE in the ZLIB format (RFC 1950) and base64url-encoded.
import { deflateSync } from "node:zlib";
import { signJws, type SigningKeyMaterial } from "./access-token";

export const STATUS_LIST_TYP = "statuslist+jwt";
export const STATUS_LIST_MEDIA_TYPE = "application/statuslist+jwt";

/** The compressed bit array of a list of `capacity` bits with `invalid` set (§4.1). */
export function encodeStatusBits(capacity: number, invalid: Iterable<number>): string {
  const bytes = Buffer.alloc(Math.ceil(capacity / 8));
  for (const idx of invalid) {
    if (!Number.isInteger(idx) || idx < 0 || idx >= capacity) throw new RangeError(`index ${idx} is outside the list`);
    bytes[idx >> 3]! |= 1 << (idx & 7);
  }
  return deflateSync(bytes, { level: 9 }).toString("base64url");
}

export interface StatusListTokenInput {
  /** The token's own URI: its `sub` (§5.1), and the `uri` that access tokens name. */
  uri: string;
  capacity: number;
  invalid: Iterable<number>;
  /** Seconds since the epoch. */
  iat: number;
  /** Seconds a relying party may cache the token before fetching it again (§5.1 ttl). */
  ttl: number;
}

/** The signed Status List Token (§5.1): sub, iat, exp, ttl, status_list {bits, lst}. */
export function signStatusListToken(input: StatusListTokenInput, key: SigningKeyMaterial): string {
  return signJws(
    STATUS_LIST_TYP,
    {
      sub: input.uri,
      iat: input.iat,
      // Valid a little longer than it may be cached: a fetch at the end of ttl still finds it unexpired.
      exp: input.iat + input.ttl * 2 + 60,
      ttl: input.ttl,
      status_list: { bits: 1, lst: encodeStatusBits(input.capacity, input.invalid) },
    },
    key,
  );
}

/** The claim an access token carries (§6.1). */
export function statusClaim(uri: string, idx: number): { status_list: { idx: number; uri: string } } {
  return { status_list: { idx, uri } };
}
