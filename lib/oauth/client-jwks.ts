// A client's registered public keys for private_key_jwt (RFC 7591 §2 `jwks` / `jwks_uri`, OpenID
// Connect Core §9): checks shared by the dashboard, the admin API, DCR and CIMD. Public keys only:
// a JWK with private members (`d`, `p`, `q`, …) or a symmetric key (`kty: oct`) is refused, so a
// secret never lands in the database and HS* with a "public" key cannot work.
import type { JWK } from "jose";

export const JWKS_MAX_KEYS = 20;
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
const KTYS = new Set(["RSA", "EC", "OKP"]);

export type JwksCheck = { ok: true; jwks: { keys: JWK[] } } | { ok: false; reason: string };

/** Validates a JWKS object (already JSON-parsed) as a set of public signing keys. */
export function validatePublicJwks(value: unknown): JwksCheck {
  if (!value || typeof value !== "object" || Array.isArray(value))
    return { ok: false, reason: "jwks must be a JSON object with a keys array." };
  const keys = (value as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) return { ok: false, reason: "jwks must have a non-empty keys array." };
  if (keys.length > JWKS_MAX_KEYS) return { ok: false, reason: `jwks may hold at most ${JWKS_MAX_KEYS} keys.` };
  const kids = new Set<string>();
  for (const [i, k] of keys.entries()) {
    if (!k || typeof k !== "object" || Array.isArray(k))
      return { ok: false, reason: `jwks key ${i} is not an object.` };
    const jwk = k as Record<string, unknown>;
    if (jwk.kty === "oct")
      return { ok: false, reason: `jwks key ${i} is symmetric (kty oct): register public keys only.` };
    if (typeof jwk.kty !== "string" || !KTYS.has(jwk.kty))
      return { ok: false, reason: `jwks key ${i} has an unsupported kty (use RSA, EC or OKP).` };
    const priv = PRIVATE_MEMBERS.find((m) => m in jwk);
    if (priv)
      return { ok: false, reason: `jwks key ${i} contains the private member "${priv}": paste the public key only.` };
    if (jwk.use !== undefined && jwk.use !== "sig")
      return { ok: false, reason: `jwks key ${i} is not a signing key (use).` };
    if (jwk.kid !== undefined) {
      if (typeof jwk.kid !== "string") return { ok: false, reason: `jwks key ${i} has a non-string kid.` };
      if (kids.has(jwk.kid)) return { ok: false, reason: `jwks has two keys with kid "${jwk.kid}".` };
      kids.add(jwk.kid);
    }
  }
  return { ok: true, jwks: { keys: keys as JWK[] } };
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A jwks_uri must be https (plain http only to loopback, when local testing allows it). */
export function validateJwksUri(
  value: unknown,
  opts: { allowHttp: boolean },
): { ok: true; uri: string } | { ok: false; reason: string } {
  if (typeof value !== "string" || value.length > 2048) return { ok: false, reason: "jwks_uri must be a URL." };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: "jwks_uri must be an absolute URL." };
  }
  if (url.username || url.password || url.hash)
    return { ok: false, reason: "jwks_uri may not carry credentials or a fragment." };
  if (url.protocol === "https:") return { ok: true, uri: url.href };
  if (url.protocol === "http:" && opts.allowHttp && LOOPBACK_HOSTS.has(url.hostname))
    return { ok: true, uri: url.href };
  return { ok: false, reason: "jwks_uri must use https." };
}

/** RFC 7591 §2: a client has jwks or jwks_uri, not both; private_key_jwt needs one of them. */
export function checkClientKeys(
  input: { method: string; jwks?: unknown; jwksUri?: unknown },
  opts: { allowHttp: boolean },
): { ok: true; jwks: { keys: JWK[] } | null; jwksUri: string | null } | { ok: false; reason: string } {
  const hasJwks = input.jwks !== undefined && input.jwks !== null;
  const hasUri = input.jwksUri !== undefined && input.jwksUri !== null && input.jwksUri !== "";
  if (hasJwks && hasUri) return { ok: false, reason: "Send jwks or jwks_uri, not both." };
  if (input.method !== "private_key_jwt") {
    if (hasJwks || hasUri) return { ok: false, reason: "jwks and jwks_uri are only used with private_key_jwt." };
    return { ok: true, jwks: null, jwksUri: null };
  }
  if (!hasJwks && !hasUri)
    return { ok: false, reason: "private_key_jwt needs the client's public keys: jwks or jwks_uri." };
  if (hasJwks) {
    const c = validatePublicJwks(input.jwks);
    return c.ok ? { ok: true, jwks: c.jwks, jwksUri: null } : c;
  }
  const u = validateJwksUri(input.jwksUri, opts);
  return u.ok ? { ok: true, jwks: null, jwksUri: u.uri } : u;
}
