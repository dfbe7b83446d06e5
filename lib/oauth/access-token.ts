// RFC 9068 JWT access tokens: header typ "at+jwt", ES256 with kid; claims iss, sub, aud (the
// resource), client_id, scope (a space-delimited string), iat, exp, jti, and the grant they were
// issued under (fam: refresh family / authorization, or none for client credentials).
import { errors as joseErrors, jwtVerify, SignJWT, type CryptoKey, type JWTHeaderParameters, type KeyObject } from "jose";

export const ACCESS_TOKEN_TYP = "at+jwt";
export const SIGNING_ALG = "ES256";

/** Subjects of client-credentials tokens live in their own namespace: never a user id (RFC 9068 §5). */
export const CLIENT_SUBJECT_PREFIX = "client:";

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  client_id: string;
  scope: string;
  iat: number;
  exp: number;
  jti: string;
  /** The refresh family (authorization) this token was issued under; absent for client credentials. */
  fam?: string;
}

export interface SigningKeyMaterial {
  kid: string;
  privateKey: CryptoKey | KeyObject;
}

export async function signAccessToken(claims: AccessTokenClaims, key: SigningKeyMaterial): Promise<string> {
  const { iss, sub, aud, iat, exp, jti, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: SIGNING_ALG, typ: ACCESS_TOKEN_TYP, kid: key.kid })
    .setIssuer(iss)
    .setSubject(sub)
    .setAudience(aud)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key.privateKey);
}

export type VerifyFailure = "malformed" | "bad_signature" | "expired" | "wrong_issuer" | "wrong_audience" | "wrong_type";

export type VerifyResult = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: VerifyFailure };

/**
 * Verifies signature (ES256 only, key by kid), typ, iss, aud and exp (RFC 9068 §4). `getKey`
 * resolves a kid to a public key, or undefined when unknown.
 */
export async function verifyAccessToken(
  token: string,
  opts: { issuer: string; audience: string; getKey: (kid: string) => Promise<CryptoKey | KeyObject | undefined>; now?: Date },
): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(
      token,
      async (header: JWTHeaderParameters) => {
        const key = header.kid ? await opts.getKey(header.kid) : undefined;
        if (!key) throw new joseErrors.JWKSNoMatchingKey();
        return key;
      },
      {
        algorithms: [SIGNING_ALG],
        typ: ACCESS_TOKEN_TYP,
        issuer: opts.issuer,
        audience: opts.audience,
        currentDate: opts.now,
        clockTolerance: 5,
        requiredClaims: ["iss", "sub", "aud", "exp", "iat", "jti", "client_id"],
      },
    );
    if (typeof payload.aud !== "string" || typeof payload.client_id !== "string" || typeof payload.jti !== "string") {
      return { ok: false, reason: "malformed" };
    }
    return { ok: true, claims: payload as unknown as AccessTokenClaims };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: "expired" };
    if (err instanceof joseErrors.JWTClaimValidationFailed) {
      if (err.claim === "iss") return { ok: false, reason: "wrong_issuer" };
      if (err.claim === "aud") return { ok: false, reason: "wrong_audience" };
      if (err.claim === "typ") return { ok: false, reason: "wrong_type" };
      return { ok: false, reason: "malformed" };
    }
    // alg none, HS256 or any algorithm off the allowlist is an untrusted signature, not a malformed token.
    if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey || err instanceof joseErrors.JOSEAlgNotAllowed) {
      return { ok: false, reason: "bad_signature" };
    }
    return { ok: false, reason: "malformed" };
  }
}
