// RFC 9068 JWT access tokens: header typ "at+jwt", ES256 with kid; claims iss, sub, aud (the
// resource), client_id, scope (a space-delimited string), iat, exp, jti, and the grant they were
// issued under (fam: refresh family / authorization, or none for client credentials).
import { KeyObject as NodeKeyObject, sign as nodeSign, verify as nodeVerify } from "node:crypto";
import type { CryptoKey, KeyObject } from "jose";

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
  /** RFC 9449 §6.1: a DPoP-bound token names the key's JWK SHA-256 thumbprint. */
  cnf?: { jkt: string };
  /** draft-ietf-oauth-status-list §6.1: where this token's status bit is (status-list.ts). */
  status?: { status_list: { idx: number; uri: string } };
}

export interface SigningKeyMaterial {
  kid: string;
  privateKey: CryptoKey | KeyObject;
}

// Signing and verification use node:crypto directly (synchronous ECDSA with IEEE P1363 signatures,
// exactly what JWS ES256 is): on the token endpoint's hot path this costs a fraction of the
// asynchronous WebCrypto round trip. Keys may be WebCrypto CryptoKeys or Node KeyObjects.
const keyObjects = new WeakMap<object, NodeKeyObject>();

function toKeyObject(key: CryptoKey | KeyObject): NodeKeyObject {
  if (key instanceof NodeKeyObject) return key;
  let k = keyObjects.get(key);
  if (!k) {
    k = NodeKeyObject.from(key as unknown as Parameters<typeof NodeKeyObject.from>[0]);
    keyObjects.set(key, k);
  }
  return k;
}

function b64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

export async function signAccessToken(claims: AccessTokenClaims, key: SigningKeyMaterial): Promise<string> {
  const { iss, sub, aud, iat, exp, jti, ...rest } = claims;
  return signJws(ACCESS_TOKEN_TYP, { ...rest, iss, sub, aud, iat, exp, jti }, key);
}

/** An ES256 JWS with header typ and kid (access tokens, status list tokens). */
export function signJws(typ: string, payloadClaims: object, key: SigningKeyMaterial): string {
  const header = b64url(JSON.stringify({ alg: SIGNING_ALG, typ, kid: key.kid }));
  const payload = b64url(JSON.stringify(payloadClaims));
  const input = `${header}.${payload}`;
  const signature = nodeSign("sha256", Buffer.from(input), {
    key: toKeyObject(key.privateKey),
    dsaEncoding: "ieee-p1363",
  });
  return `${input}.${b64url(signature)}`;
}

export type VerifyFailure =
  "malformed" | "bad_signature" | "expired" | "wrong_issuer" | "wrong_audience" | "wrong_type";

export type VerifyResult = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: VerifyFailure };

const CLOCK_TOLERANCE_S = 5;

function parseSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Exact tokens whose signature already checked out. A resource server presents the same token on
 * every call, and the ES256 verification is the largest cost of an introspection once the token's
 * status is known; everything else (key still published, typ, iss, aud, exp) is checked every time.
 */
export interface SignatureMemo {
  has(token: string): boolean;
  add(token: string): void;
}

/**
 * Verifies signature (ES256 only — never "none", never HS*; key by kid), typ, iss, aud and exp
 * (RFC 9068 §4). `getKey` resolves a kid to a public key, or undefined when unknown.
 */
export async function verifyAccessToken(
  token: string,
  opts: {
    issuer: string;
    audience: string;
    getKey: (kid: string) => Promise<CryptoKey | KeyObject | undefined>;
    now?: Date;
    signatures?: SignatureMemo;
  },
): Promise<VerifyResult> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || parts[0] === "" || parts[1] === "")
    return { ok: false, reason: "malformed" };
  const [h, p, sig] = parts as [string, string, string];
  const header = parseSegment(h);
  if (!header) return { ok: false, reason: "malformed" };
  if (header.alg !== SIGNING_ALG || typeof header.kid !== "string") return { ok: false, reason: "bad_signature" };
  const typ = typeof header.typ === "string" ? header.typ.toLowerCase() : "";
  if (typ !== ACCESS_TOKEN_TYP && typ !== `application/${ACCESS_TOKEN_TYP}`) return { ok: false, reason: "wrong_type" };
  const key = await opts.getKey(header.kid);
  if (!key) return { ok: false, reason: "bad_signature" };
  if (!opts.signatures?.has(token)) {
    const signature = Buffer.from(sig, "base64url");
    const valid =
      signature.length === 64 &&
      nodeVerify("sha256", Buffer.from(`${h}.${p}`), { key: toKeyObject(key), dsaEncoding: "ieee-p1363" }, signature);
    if (!valid) return { ok: false, reason: "bad_signature" };
    opts.signatures?.add(token);
  }
  const payload = parseSegment(p);
  if (!payload) return { ok: false, reason: "malformed" };
  for (const claim of ["iss", "sub", "aud", "jti", "client_id"] as const)
    if (typeof payload[claim] !== "string")
      return { ok: false, reason: claim === "aud" ? "wrong_audience" : "malformed" };
  for (const claim of ["exp", "iat"] as const)
    if (typeof payload[claim] !== "number") return { ok: false, reason: "malformed" };
  if (payload.iss !== opts.issuer) return { ok: false, reason: "wrong_issuer" };
  if (payload.aud !== opts.audience) return { ok: false, reason: "wrong_audience" };
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if ((payload.exp as number) <= now - CLOCK_TOLERANCE_S) return { ok: false, reason: "expired" };
  return { ok: true, claims: payload as unknown as AccessTokenClaims };
}
