import { decodeProtectedHeader, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ACCESS_TOKEN_TYP,
  signAccessToken,
  SIGNING_ALG,
  verifyAccessToken,
  type AccessTokenClaims,
  type VerifyFailure,
} from "./access-token";

const ISSUER = "https://gatehouse.example.test/oauth/demo";
const AUDIENCE = "https://mcp.example.test/mcp";
const KID = "kid-1";
const NOW = new Date("2026-06-01T12:00:00Z");
const iat = Math.floor(NOW.getTime() / 1000);

const claims: AccessTokenClaims = {
  iss: ISSUER,
  sub: "user_123",
  aud: AUDIENCE,
  client_id: "ghc_app",
  scope: "mcp:tools mcp:admin",
  iat,
  exp: iat + 600,
  jti: "at_1",
  fam: "auth_1",
};

let publicKey: CryptoKey;
let privateKey: CryptoKey;
let foreignPrivateKey: CryptoKey;

beforeAll(async () => {
  ({ publicKey, privateKey } = await generateKeyPair(SIGNING_ALG));
  ({ privateKey: foreignPrivateKey } = await generateKeyPair(SIGNING_ALG));
});

function verify(token: string, opts: { issuer?: string; audience?: string; now?: Date } = {}) {
  return verifyAccessToken(token, {
    issuer: opts.issuer ?? ISSUER,
    audience: opts.audience ?? AUDIENCE,
    getKey: async (kid) => (kid === KID ? publicKey : undefined),
    now: opts.now ?? NOW,
  });
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A token signed like Gatehouse's, but with the header or claims changed. */
function forged(
  header: Record<string, unknown>,
  payload: Record<string, unknown> = {},
  key: CryptoKey | Uint8Array = privateKey,
) {
  return new SignJWT({ ...claims, ...payload })
    .setProtectedHeader({ alg: SIGNING_ALG, typ: ACCESS_TOKEN_TYP, kid: KID, ...header } as { alg: string })
    .sign(key);
}

describe("signAccessToken (RFC 9068 §2)", () => {
  it("AT-03: signs ES256 with typ at+jwt and the key's kid", async () => {
    const token = await signAccessToken(claims, { kid: KID, privateKey });
    expect(decodeProtectedHeader(token)).toEqual({ alg: "ES256", typ: "at+jwt", kid: KID });
  });

  it("AT-04: carries iss, sub, aud, client_id, scope (a string), iat, exp and jti; verification returns them", async () => {
    const result = await verify(await signAccessToken(claims, { kid: KID, privateKey }));
    expect(result).toEqual({ ok: true, claims });
  });

  it("AT-04: client-credentials tokens carry no refresh family", async () => {
    const { fam: _fam, ...withoutFamily } = claims;
    const result = await verify(await signAccessToken(withoutFamily, { kid: KID, privateKey }));
    expect(result.ok && result.claims).toEqual(withoutFamily);
  });
});

describe("verifyAccessToken (RFC 9068 §4; RS-02, RS-03, RS-04)", () => {
  it("RS-04: accepts typ application/at+jwt too", async () => {
    expect((await verify(await forged({ typ: "application/at+jwt" }))).ok).toBe(true);
  });

  it("RS-04: allows a few seconds of clock skew on exp", async () => {
    const token = await signAccessToken(claims, { kid: KID, privateKey });
    expect((await verify(token, { now: new Date((claims.exp + 3) * 1000) })).ok).toBe(true);
  });

  const cases: [string, () => Promise<string>, VerifyFailure, { issuer?: string; audience?: string; now?: Date }?][] = [
    [
      "RS-04: a foreign issuer",
      () => signAccessToken({ ...claims, iss: "https://evil.test/oauth/demo" }, { kid: KID, privateKey }),
      "wrong_issuer",
    ],
    [
      "RS-04 / META-03: an issuer with a trailing slash",
      () => signAccessToken({ ...claims, iss: `${ISSUER}/` }, { kid: KID, privateKey }),
      "wrong_issuer",
    ],
    [
      "RS-03: a token for another resource",
      () => signAccessToken({ ...claims, aud: "https://other.test/mcp" }, { kid: KID, privateKey }),
      "wrong_audience",
    ],
    [
      "RS-03: a token checked by another resource server",
      () => signAccessToken(claims, { kid: KID, privateKey }),
      "wrong_audience",
      { audience: "https://other.test/mcp" },
    ],
    [
      "RS-02: an expired token",
      () => signAccessToken(claims, { kid: KID, privateKey }),
      "expired",
      { now: new Date((claims.exp + 60) * 1000) },
    ],
    ["RS-04 / AT-03: typ JWT instead of at+jwt", () => forged({ typ: "JWT" }), "wrong_type"],
    ["RS-04 / AT-03: no typ", () => forged({ typ: undefined }), "wrong_type"],
    [
      "RS-04 / AT-03: alg none",
      async () => `${b64({ alg: "none", typ: ACCESS_TOKEN_TYP, kid: KID })}.${b64(claims)}.`,
      "bad_signature",
    ],
    [
      "RS-04: HS256 (an algorithm off the allowlist)",
      () => forged({ alg: "HS256" }, {}, new TextEncoder().encode("k".repeat(32))),
      "bad_signature",
    ],
    [
      "RS-04: an unknown kid (a key not in the JWKS)",
      () => signAccessToken(claims, { kid: "kid-unknown", privateKey }),
      "bad_signature",
    ],
    ["RS-04: no kid", () => forged({ kid: undefined }), "bad_signature"],
    [
      "RS-04: a foreign key under a known kid",
      () => signAccessToken(claims, { kid: KID, privateKey: foreignPrivateKey }),
      "bad_signature",
    ],
    [
      "RS-04: a tampered payload",
      async () => {
        const [h, , s] = (await signAccessToken(claims, { kid: KID, privateKey })).split(".");
        return `${h}.${b64({ ...claims, scope: "mcp:admin everything" })}.${s}`;
      },
      "bad_signature",
    ],
    ["AT-04: no client_id", () => forged({}, { client_id: undefined }), "malformed"],
    ["AT-04: no jti", () => forged({}, { jti: undefined }), "malformed"],
    ["not a JWT at all", async () => "not-a-jwt", "malformed"],
  ];

  it.each(cases)("%s fails as %s", async (_case, token, reason, opts) => {
    expect(await verify(await token(), opts)).toEqual({ ok: false, reason });
  });
});

describe("verifyAccessToken with a signature memo (the same token presented again)", () => {
  const memoOf = () => {
    const seen = new Set<string>();
    return { seen, memo: { has: (t: string) => seen.has(t), add: (t: string) => void seen.add(t) } };
  };
  const withMemo = (
    token: string,
    memo: { has(t: string): boolean; add(t: string): void },
    opts: { audience?: string; now?: Date; known?: boolean } = {},
  ) =>
    verifyAccessToken(token, {
      issuer: ISSUER,
      audience: opts.audience ?? AUDIENCE,
      getKey: async (kid) => (kid === KID && opts.known !== false ? publicKey : undefined),
      now: opts.now ?? NOW,
      signatures: memo,
    });

  it("remembers only tokens whose signature checked out", async () => {
    const { seen, memo } = memoOf();
    const token = await signAccessToken(claims, { kid: KID, privateKey });
    const forged = await signAccessToken(claims, { kid: KID, privateKey: foreignPrivateKey });
    expect((await withMemo(token, memo)).ok).toBe(true);
    expect((await withMemo(forged, memo)).ok).toBe(false);
    expect([...seen]).toEqual([token]);
  });

  it("still checks everything but the signature on every use: exp, aud and a key still published", async () => {
    const { memo } = memoOf();
    const token = await signAccessToken(claims, { kid: KID, privateKey });
    expect((await withMemo(token, memo)).ok).toBe(true);
    expect(await withMemo(token, memo, { now: new Date((claims.exp + 60) * 1000) })).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await withMemo(token, memo, { audience: "https://other.example/mcp" })).toEqual({
      ok: false,
      reason: "wrong_audience",
    });
    expect(await withMemo(token, memo, { known: false })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("a token differing in one byte of its signature is verified afresh, and refused", async () => {
    const { memo } = memoOf();
    const token = await signAccessToken(claims, { kid: KID, privateKey });
    expect((await withMemo(token, memo)).ok).toBe(true);
    const last = token.at(-2) === "A" ? "B" : "A";
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    expect(await withMemo(tampered, memo)).toEqual({ ok: false, reason: "bad_signature" });
  });
});
