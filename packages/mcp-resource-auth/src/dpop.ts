// DPoP proofs (RFC 9449): sender-constrained tokens. Shared by Gatehouse's token endpoint and every
// resource server using this package. Pure protocol rules, no database and no clock of its own: the caller passes `now`, the expected method and URL (built from the public origin, never
// from a request header), the access token at a resource server, and a nonce checker. Replay of a
// proof's jti is the caller's job (a database table, so it holds across instances): this returns
// what to remember and until when.
import { createHash, timingSafeEqual } from "node:crypto";
import { calculateJwkThumbprint, EmbeddedJWK, errors as joseErrors, jwtVerify, type JWK } from "jose";

/** RFC 9449 §5.1 / §7.1 `algs`: asymmetric only — never "none", never HS*. */
export const DPOP_SIGNING_ALGS = ["ES256", "ES384", "PS256", "RS256", "EdDSA"] as const;

/** How old (or how far in the future, with skew) a proof's iat may be (RFC 9449 §4.3 item 11, §11.1). */
export const DPOP_MAX_AGE_SECONDS = 60;
export const DPOP_CLOCK_SKEW_SECONDS = 5;

export type DpopErrorCode = "invalid_dpop_proof" | "use_dpop_nonce";

export class DpopError extends Error {
  constructor(
    readonly code: DpopErrorCode,
    description: string,
  ) {
    super(description);
    this.name = "DpopError";
  }
}

export interface DpopProofCheck {
  /** Every value of the DPoP request header (RFC 9449 §4.3 item 1: exactly one). */
  headerValues: readonly string[];
  /** The request method (htm, §4.3 item 8). */
  method: string;
  /** The request URL on the public origin; query and fragment are ignored (htu, §4.3 item 9). */
  url: string;
  now: Date;
  /** At a resource server: the access token the proof must hash into `ath` (§4.3 item 12, §7). */
  accessToken?: string;
  /** When the server requires a nonce: true when the proof's nonce is acceptable (§8, §9). */
  nonce?: (value: string | undefined) => boolean;
}

export interface VerifiedDpopProof {
  /** RFC 7638 SHA-256 thumbprint of the proof's key: the `cnf.jkt` a bound token carries. */
  jkt: string;
  jti: string;
  iat: number;
  /** Remember the jti at least until then: afterwards the iat check refuses the proof anyway. */
  replayUntil: Date;
}

const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

function fail(description: string): never {
  throw new DpopError("invalid_dpop_proof", description);
}

/** RFC 3986 §6.2.2/§6.2.3 normalization (case, default port, dot segments) minus query and fragment. */
export function normalizeHtu(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return null;
  }
}

/** base64url(SHA-256(ASCII access token)): the `ath` claim (RFC 9449 §4.2). */
export function accessTokenHash(token: string): string {
  return createHash("sha256").update(token, "ascii").digest("base64url");
}

/** Validates one DPoP proof per RFC 9449 §4.3 (items 1–12). Throws DpopError. */
export async function verifyDpopProof(check: DpopProofCheck): Promise<VerifiedDpopProof> {
  // A repeated header arrives either as several values or comma-joined; a JWS never has a comma.
  const values = check.headerValues.flatMap((v) => v.split(",")).map((v) => v.trim());
  if (values.length !== 1 || !values[0]) fail("Exactly one DPoP header is required.");
  const proof = values[0];
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(proof)) fail("The DPoP proof is not a compact JWS.");

  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(proof.split(".")[0]!, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    fail("The DPoP proof header is not JSON.");
  }
  if (typeof header !== "object" || header === null) fail("The DPoP proof header is not a JSON object.");
  if (header.typ !== "dpop+jwt") fail('The DPoP proof typ must be "dpop+jwt".');
  if (typeof header.alg !== "string" || !(DPOP_SIGNING_ALGS as readonly string[]).includes(header.alg))
    fail(`The DPoP proof alg must be one of ${DPOP_SIGNING_ALGS.join(", ")}.`);
  const jwk = header.jwk as JWK | undefined;
  if (typeof jwk !== "object" || jwk === null || Array.isArray(jwk)) fail("The DPoP proof header must carry a jwk.");
  if (PRIVATE_JWK_MEMBERS.some((m) => m in jwk)) fail("The DPoP proof jwk must be a public key.");

  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(proof, EmbeddedJWK, {
      typ: "dpop+jwt",
      algorithms: [...DPOP_SIGNING_ALGS],
      // iat is checked below with our own window; exp/nbf, if present, are checked by jose.
      currentDate: check.now,
      clockTolerance: DPOP_CLOCK_SKEW_SECONDS,
    }));
  } catch (err) {
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) fail("The DPoP proof signature is invalid.");
    fail("The DPoP proof could not be verified.");
  }

  if (typeof payload.jti !== "string" || payload.jti.length === 0 || payload.jti.length > 256)
    fail("The DPoP proof must carry a jti.");
  if (typeof payload.htm !== "string" || payload.htm !== check.method.toUpperCase())
    fail("The DPoP proof htm does not match the request method.");
  const htu = typeof payload.htu === "string" ? normalizeHtu(payload.htu) : null;
  if (!htu || htu !== normalizeHtu(check.url)) fail("The DPoP proof htu does not match the request URL.");
  if (typeof payload.iat !== "number" || !Number.isFinite(payload.iat)) fail("The DPoP proof must carry an iat.");
  const now = Math.floor(check.now.getTime() / 1000);
  if (payload.iat > now + DPOP_CLOCK_SKEW_SECONDS || payload.iat < now - DPOP_MAX_AGE_SECONDS)
    fail("The DPoP proof iat is outside the accepted window.");

  if (check.accessToken !== undefined) {
    const expected = accessTokenHash(check.accessToken);
    if (typeof payload.ath !== "string" || !safeEqual(payload.ath, expected))
      fail("The DPoP proof ath does not match the access token.");
  }
  if (check.nonce) {
    const nonce = typeof payload.nonce === "string" ? payload.nonce : undefined;
    if (!check.nonce(nonce))
      throw new DpopError("use_dpop_nonce", "Authorization server requires nonce in DPoP proof.");
  }

  return {
    jkt: await calculateJwkThumbprint(jwk, "sha256"),
    jti: payload.jti,
    iat: payload.iat,
    replayUntil: new Date((payload.iat + DPOP_MAX_AGE_SECONDS + DPOP_CLOCK_SKEW_SECONDS) * 1000),
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `WWW-Authenticate: DPoP …` (RFC 9449 §7.1): error, error_description and the accepted algs. */
export function dpopChallenge(params: { error?: string; error_description?: string; algs?: boolean }): string {
  const quote = (v: string) => `"${v.replace(/[^\x20-\x7e]/g, " ").replace(/["\\]/g, (c) => `\\${c}`)}"`;
  const parts: string[] = [];
  if (params.error) parts.push(`error=${quote(params.error)}`);
  if (params.error_description) parts.push(`error_description=${quote(params.error_description)}`);
  if (params.algs !== false) parts.push(`algs=${quote(DPOP_SIGNING_ALGS.join(" "))}`);
  return `DPoP ${parts.join(", ")}`;
}

/** RFC 9449 §7.1: `Authorization: DPoP <token>` (token68 syntax, like Bearer's b64token). */
export function parseDpopAuthorization(header: string | null): { ok: true; token: string } | { ok: false } {
  const match = /^dpop +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header?.trim() ?? "");
  return match?.[1] ? { ok: true, token: match[1] } : { ok: false };
}
