// private_key_jwt client authentication (RFC 7523 §2.2 and §3, OpenID Connect Core §9): the client
// signs a short-lived JWT with its private key; we check it against the public keys it registered.
// Pure: the clock, the key source and the single-use store are injected. Every failure is
// invalid_client (401, RFC 6749 §5.2; RFC 7523 §3.2).
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from "jose";
import { OAuthError } from "./errors";

export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Asymmetric only: never `none`, never HS* (a public key must not double as an HMAC secret). */
export const CLIENT_ASSERTION_ALGS = ["ES256", "ES384", "PS256", "RS256", "EdDSA"] as const;
/** The longest-lived assertion accepted: exp at most this far from now. */
export const MAX_ASSERTION_LIFETIME_S = 300;
/** Clock skew tolerated for iat and nbf. */
export const CLOCK_SKEW_S = 30;

export interface ClientKeySource {
  /** The client's public keys; `refresh` asks for a fresh copy (a key may have rotated). */
  keys(refresh: boolean): Promise<JWK[]>;
}

export interface AssertionDeps {
  now: Date;
  /** The values `aud` may carry: this server's issuer and its token endpoint URL. */
  audiences: string[];
  keys: ClientKeySource;
  /** Records the jti as used; false when it was used before (a replay). */
  consumeJti(jti: string, expiresAt: Date): Promise<boolean>;
}

function fail(description: string): never {
  throw new OAuthError("invalid_client", description);
}

/** The client id an assertion claims (its `iss`, which must equal `sub`), before any verification. */
export function assertionClientId(assertion: string): string {
  let claims;
  try {
    claims = decodeJwt(assertion);
  } catch {
    fail("client_assertion is not a JWT.");
  }
  if (typeof claims.iss !== "string" || !claims.iss) fail("client_assertion has no iss.");
  if (claims.sub !== claims.iss) fail("client_assertion's sub must equal its iss (the client_id).");
  return claims.iss;
}

function pickKey(keys: JWK[], alg: string, kid: string | undefined): JWK | undefined {
  const usable = keys.filter((k) => (!k.use || k.use === "sig") && (!k.alg || k.alg === alg));
  if (kid !== undefined) return usable.find((k) => k.kid === kid);
  const fitting = usable.filter((k) => keyFitsAlg(k, alg));
  return fitting.length === 1 ? fitting[0] : undefined;
}

function keyFitsAlg(k: JWK, alg: string): boolean {
  if (alg === "EdDSA") return k.kty === "OKP";
  if (alg.startsWith("ES")) return k.kty === "EC" && k.crv === (alg === "ES256" ? "P-256" : "P-384");
  return k.kty === "RSA";
}

/** Verifies a client assertion for `clientId`; resolves with its jti, or throws invalid_client. */
export async function verifyClientAssertion(
  assertion: string,
  clientId: string,
  deps: AssertionDeps,
): Promise<{ jti: string; expiresAt: Date }> {
  let header;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    fail("client_assertion is not a JWT.");
  }
  const alg = header.alg;
  if (!alg || !(CLIENT_ASSERTION_ALGS as readonly string[]).includes(alg))
    fail(`client_assertion alg must be one of ${CLIENT_ASSERTION_ALGS.join(", ")}.`);
  if (header.crit) fail("client_assertion carries unsupported critical headers.");
  const kid = typeof header.kid === "string" ? header.kid : undefined;

  let jwk = pickKey(await deps.keys.keys(false), alg, kid);
  // A key we do not know may have just been rotated in at the jwks_uri: look once more.
  if (!jwk) jwk = pickKey(await deps.keys.keys(true), alg, kid);
  if (!jwk) fail(kid ? `No registered key with kid "${kid}" for ${alg}.` : `No single registered key fits ${alg}.`);
  if (jwk.d || jwk.kty === "oct") fail("The registered key is not a public key.");

  let payloadBytes: Uint8Array;
  try {
    const key = await importJWK(jwk, alg);
    ({ payload: payloadBytes } = await compactVerify(assertion, key, { algorithms: [alg] }));
  } catch {
    fail("client_assertion signature is invalid.");
  }
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(new TextDecoder().decode(payloadBytes)) as Record<string, unknown>;
  } catch {
    fail("client_assertion claims are not JSON.");
  }

  if (claims.iss !== clientId || claims.sub !== clientId) fail("client_assertion iss and sub must be the client_id.");
  const aud = claims.aud;
  const auds = Array.isArray(aud) ? aud : [aud];
  if (!auds.some((a) => typeof a === "string" && deps.audiences.includes(a)))
    fail("client_assertion aud must be this server's issuer or token endpoint.");

  const now = Math.floor(deps.now.getTime() / 1000);
  const { exp, iat, nbf, jti } = claims;
  if (typeof exp !== "number" || !Number.isFinite(exp)) fail("client_assertion exp is required.");
  if (exp <= now - CLOCK_SKEW_S) fail("client_assertion has expired.");
  if (exp > now + MAX_ASSERTION_LIFETIME_S + CLOCK_SKEW_S)
    fail(`client_assertion exp may be at most ${MAX_ASSERTION_LIFETIME_S} seconds in the future.`);
  if (iat !== undefined && (typeof iat !== "number" || iat > now + CLOCK_SKEW_S))
    fail("client_assertion iat is in the future.");
  if (nbf !== undefined && (typeof nbf !== "number" || nbf > now + CLOCK_SKEW_S))
    fail("client_assertion is not valid yet (nbf).");
  if (typeof jti !== "string" || !jti || jti.length > 256) fail("client_assertion jti is required.");

  const expiresAt = new Date((exp + CLOCK_SKEW_S) * 1000);
  if (!(await deps.consumeJti(jti, expiresAt))) fail("client_assertion jti has been used before.");
  return { jti, expiresAt };
}
