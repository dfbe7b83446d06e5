// private_key_jwt client assertions (RFC 7523 §3, OIDC Core §9): every rule, with real keys.
import { createHmac } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { assertionClientId, verifyClientAssertion, type AssertionDeps } from "./client-assertion";
import { OAuthError } from "./errors";

const CLIENT = "ghc_keyed";
const ISSUER = "https://auth.example.com/oauth/demo";
const TOKEN = `${ISSUER}/token`;
const now = new Date("2026-06-01T12:00:00Z");
const nowS = Math.floor(now.getTime() / 1000);

let priv: CryptoKey;
let pub: JWK;
let otherPriv: CryptoKey;
let rotatedPriv: CryptoKey;
let rotatedPub: JWK;

beforeAll(async () => {
  const a = await generateKeyPair("ES256", { extractable: true });
  priv = a.privateKey;
  pub = { ...(await exportJWK(a.publicKey)), kid: "k1" };
  otherPriv = (await generateKeyPair("ES256")).privateKey;
  const r = await generateKeyPair("ES256", { extractable: true });
  rotatedPriv = r.privateKey;
  rotatedPub = { ...(await exportJWK(r.publicKey)), kid: "k2" };
});

function sign(
  claims: Record<string, unknown> = {},
  opts: { key?: CryptoKey; kid?: string | null; alg?: string } = {},
): Promise<string> {
  const body = { iss: CLIENT, sub: CLIENT, aud: TOKEN, exp: nowS + 60, iat: nowS, jti: crypto.randomUUID(), ...claims };
  for (const k of Object.keys(body))
    if (body[k as keyof typeof body] === undefined) delete body[k as keyof typeof body];
  const kid = opts.kid === null ? {} : { kid: opts.kid ?? "k1" };
  return new SignJWT(body).setProtectedHeader({ alg: opts.alg ?? "ES256", ...kid }).sign(opts.key ?? priv);
}

function deps(over: Partial<AssertionDeps> = {}, keySets: JWK[][] = [[pub]]): AssertionDeps & { fetches: boolean[] } {
  const used = new Set<string>();
  const fetches: boolean[] = [];
  return {
    now,
    audiences: [ISSUER, TOKEN],
    keys: {
      keys: async (refresh) => {
        fetches.push(refresh);
        return keySets[Math.min(fetches.length - 1, keySets.length - 1)]!;
      },
    },
    consumeJti: async (jti) => (used.has(jti) ? false : (used.add(jti), true)),
    fetches,
    ...over,
  };
}

async function rejects(p: Promise<unknown>, match: RegExp): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OAuthError);
  expect((err as OAuthError).code).toBe("invalid_client");
  expect((err as OAuthError).message).toMatch(match);
}

function b64url(s: string | Buffer): string {
  return Buffer.from(s).toString("base64url");
}

describe("verifyClientAssertion (PKJWT, RFC 7523 §3)", () => {
  it("accepts a well-formed assertion with aud = token endpoint, = issuer, or an array holding one", async () => {
    const d = deps();
    await expect(verifyClientAssertion(await sign(), CLIENT, d)).resolves.toMatchObject({ jti: expect.any(String) });
    await expect(verifyClientAssertion(await sign({ aud: ISSUER }), CLIENT, d)).resolves.toBeDefined();
    await expect(verifyClientAssertion(await sign({ aud: ["https://x", TOKEN] }), CLIENT, d)).resolves.toBeDefined();
  });

  it("picks the only key fitting the alg when there is no kid", async () => {
    await expect(verifyClientAssertion(await sign({}, { kid: null }), CLIENT, deps())).resolves.toBeDefined();
  });

  it("refuses a forged signature (another key)", async () => {
    await rejects(verifyClientAssertion(await sign({}, { key: otherPriv }), CLIENT, deps()), /signature/);
  });

  it("refuses a tampered payload", async () => {
    const [h, , s] = (await sign()).split(".");
    const forged = `${h}.${b64url(JSON.stringify({ iss: CLIENT, sub: CLIENT, aud: TOKEN, exp: nowS + 60, jti: "x" }))}.${s}`;
    await rejects(verifyClientAssertion(forged, CLIENT, deps()), /signature/);
  });

  it.each([
    ["iss", { iss: "ghc_other" }],
    ["sub", { sub: "ghc_other" }],
  ])("refuses a wrong %s", async (_c, claims) => {
    await rejects(verifyClientAssertion(await sign(claims), CLIENT, deps()), /iss and sub/);
  });

  it.each([
    ["another audience", "https://other.example.com/token"],
    ["the introspection endpoint", `${ISSUER}/introspect`],
    ["no audience", undefined],
  ])("refuses aud = %s", async (_c, aud) => {
    await rejects(verifyClientAssertion(await sign({ aud }), CLIENT, deps()), /aud/);
  });

  it("refuses an expired assertion", async () => {
    await rejects(verifyClientAssertion(await sign({ exp: nowS - 120 }), CLIENT, deps()), /expired/);
  });

  it("refuses an assertion without exp", async () => {
    await rejects(verifyClientAssertion(await sign({ exp: undefined }), CLIENT, deps()), /exp is required/);
  });

  it("refuses exp more than 5 minutes ahead (long-lived assertions)", async () => {
    await rejects(verifyClientAssertion(await sign({ exp: nowS + 3600 }), CLIENT, deps()), /at most 300/);
  });

  it("refuses iat and nbf in the future", async () => {
    await rejects(verifyClientAssertion(await sign({ iat: nowS + 600 }), CLIENT, deps()), /iat/);
    await rejects(verifyClientAssertion(await sign({ nbf: nowS + 600 }), CLIENT, deps()), /nbf/);
  });

  it("refuses an assertion without jti", async () => {
    await rejects(verifyClientAssertion(await sign({ jti: undefined }), CLIENT, deps()), /jti is required/);
  });

  it("refuses a replayed jti", async () => {
    const d = deps();
    const jwt = await sign();
    await verifyClientAssertion(jwt, CLIENT, d);
    await rejects(verifyClientAssertion(jwt, CLIENT, d), /used before/);
  });

  it("refuses alg none", async () => {
    const jwt = `${b64url(JSON.stringify({ alg: "none", kid: "k1" }))}.${b64url(
      JSON.stringify({ iss: CLIENT, sub: CLIENT, aud: TOKEN, exp: nowS + 60, jti: "n" }),
    )}.`;
    await rejects(verifyClientAssertion(jwt, CLIENT, deps()), /alg must be one of/);
  });

  it("refuses HS256 signed with the public key as the secret", async () => {
    const header = b64url(JSON.stringify({ alg: "HS256", kid: "k1" }));
    const payload = b64url(JSON.stringify({ iss: CLIENT, sub: CLIENT, aud: TOKEN, exp: nowS + 60, jti: "h" }));
    const mac = createHmac("sha256", JSON.stringify(pub)).update(`${header}.${payload}`).digest("base64url");
    await rejects(verifyClientAssertion(`${header}.${payload}.${mac}`, CLIENT, deps()), /alg must be one of/);
  });

  it("an unknown kid makes exactly one refetch, which picks up a rotated key", async () => {
    const d = deps({}, [[pub], [pub, rotatedPub]]);
    await expect(
      verifyClientAssertion(await sign({}, { key: rotatedPriv, kid: "k2" }), CLIENT, d),
    ).resolves.toBeDefined();
    expect(d.fetches).toEqual([false, true]);
  });

  it("an unknown kid still unknown after the one refetch is refused", async () => {
    const d = deps();
    await rejects(verifyClientAssertion(await sign({}, { kid: "nope" }), CLIENT, d), /No registered key/);
    expect(d.fetches).toEqual([false, true]);
  });

  it("refuses a registered key that is private or symmetric", async () => {
    await rejects(verifyClientAssertion(await sign(), CLIENT, deps({}, [[{ ...pub, d: "AAAA" }]])), /not a public key/);
  });
});

describe("assertionClientId", () => {
  it("reads iss and requires sub = iss", async () => {
    expect(assertionClientId(await sign())).toBe(CLIENT);
    expect(() => assertionClientId("x.y.z")).toThrow(OAuthError);
  });
});
