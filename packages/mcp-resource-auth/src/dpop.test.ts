// RFC 9449 §4.3 proof rules, one test per rule (checklist DPOP-*).
import { describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import {
  accessTokenHash,
  dpopChallenge,
  DpopError,
  normalizeHtu,
  parseDpopAuthorization,
  verifyDpopProof,
  type DpopProofCheck,
} from "./dpop.ts";

const NOW = new Date("2026-12-04T10:00:00Z");
const IAT = Math.floor(NOW.getTime() / 1000);
const URL_ = "https://auth.example.com/oauth/demo/token";

async function keys(alg = "ES256") {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, jwk: await exportJWK(publicKey), privateJwk: await exportJWK(privateKey) };
}

async function proof(
  opts: { claims?: Record<string, unknown>; header?: Record<string, unknown>; alg?: string; jwk?: JWK } = {},
) {
  const alg = opts.alg ?? "ES256";
  const k = await keys(alg);
  return new SignJWT({ jti: "j1", htm: "POST", htu: URL_, iat: IAT, ...opts.claims })
    .setProtectedHeader({ alg, typ: "dpop+jwt", jwk: opts.jwk ?? k.jwk, ...opts.header })
    .sign(k.privateKey);
}

function check(p: string, more: Partial<DpopProofCheck> = {}): DpopProofCheck {
  return { headerValues: [p], method: "POST", url: URL_, now: NOW, ...more };
}

async function rejects(p: Promise<unknown>, code = "invalid_dpop_proof") {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DpopError);
  expect((err as DpopError).code).toBe(code);
  return err as DpopError;
}

describe("verifyDpopProof", () => {
  it("DPOP-01/DPOP-06: accepts a valid proof for each allowed algorithm and returns the RFC 7638 thumbprint", async () => {
    for (const alg of ["ES256", "ES384", "PS256", "RS256", "EdDSA"]) {
      const k = await keys(alg);
      const p = await new SignJWT({ jti: `j-${alg}`, htm: "POST", htu: URL_, iat: IAT })
        .setProtectedHeader({ alg, typ: "dpop+jwt", jwk: k.jwk })
        .sign(k.privateKey);
      const v = await verifyDpopProof(check(p));
      expect(v.jti).toBe(`j-${alg}`);
      expect(v.jkt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it("DPOP-02: requires exactly one DPoP header", async () => {
    const p = await proof();
    await rejects(verifyDpopProof(check(p, { headerValues: [] })));
    await rejects(verifyDpopProof(check(p, { headerValues: [p, p] })));
    await rejects(verifyDpopProof(check(p, { headerValues: [`${p}, ${p}`] })));
  });

  it("DPOP-03: requires typ dpop+jwt", async () => {
    await rejects(verifyDpopProof(check(await proof({ header: { typ: "JWT" } }))));
  });

  it("DPOP-04: refuses alg none and HS256 (even with the public key as secret)", async () => {
    const k = await keys();
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const body = enc({ jti: "x", htm: "POST", htu: URL_, iat: IAT });
    const none = `${enc({ alg: "none", typ: "dpop+jwt", jwk: k.jwk })}.${body}.`;
    await rejects(verifyDpopProof(check(none)));
    const hs = await new SignJWT({ jti: "x", htm: "POST", htu: URL_, iat: IAT })
      .setProtectedHeader({ alg: "HS256", typ: "dpop+jwt", jwk: k.jwk })
      .sign(new TextEncoder().encode(JSON.stringify(k.jwk)));
    const err = await rejects(verifyDpopProof(check(hs)));
    expect(err.message).toMatch(/alg/);
  });

  it("DPOP-05: requires a public jwk in the header", async () => {
    const k = await keys();
    await rejects(verifyDpopProof(check(await proof({ header: { jwk: undefined } }))));
    const withPrivate = await new SignJWT({ jti: "x", htm: "POST", htu: URL_, iat: IAT })
      .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: k.privateJwk })
      .sign(k.privateKey);
    expect((await rejects(verifyDpopProof(check(withPrivate)))).message).toMatch(/public/);
  });

  it("DPOP-05: refuses a signature by another key than the header's jwk", async () => {
    const other = await keys();
    const err = await rejects(verifyDpopProof(check(await proof({ jwk: other.jwk }))));
    expect(err.message).toMatch(/signature/);
  });

  it("DPOP-07: checks htm", async () => {
    await rejects(verifyDpopProof(check(await proof({ claims: { htm: "GET" } }))));
  });

  it("DPOP-07: checks htu, ignoring query and fragment and normalizing case and default port", async () => {
    const ok = await proof({ claims: { htu: "HTTPS://Auth.Example.com:443/oauth/demo/token?x=1#f" } });
    await expect(verifyDpopProof(check(ok))).resolves.toBeTruthy();
    await rejects(
      verifyDpopProof(check(await proof({ claims: { htu: "https://auth.example.com/oauth/other/token" } }))),
    );
    await rejects(verifyDpopProof(check(await proof({ claims: { htu: "https://evil.example/oauth/demo/token" } }))));
    await rejects(verifyDpopProof(check(await proof({ claims: { htu: 42 } }))));
    expect(normalizeHtu("http://a.example:80/x/../y")).toBe("http://a.example/y");
  });

  it("DPOP-08: checks iat within the window", async () => {
    await rejects(verifyDpopProof(check(await proof({ claims: { iat: IAT - 61 } }))));
    await rejects(verifyDpopProof(check(await proof({ claims: { iat: IAT + 6 } }))));
    await rejects(verifyDpopProof(check(await proof({ claims: { iat: undefined } }))));
    await expect(verifyDpopProof(check(await proof({ claims: { iat: IAT - 59 } })))).resolves.toBeTruthy();
    await expect(verifyDpopProof(check(await proof({ claims: { iat: IAT + 4 } })))).resolves.toBeTruthy();
  });

  it("DPOP-09: requires a jti", async () => {
    await rejects(verifyDpopProof(check(await proof({ claims: { jti: undefined } }))));
    await rejects(verifyDpopProof(check(await proof({ claims: { jti: "" } }))));
  });

  it("DPOP-15: checks ath at a resource server", async () => {
    const p = await proof({ claims: { ath: accessTokenHash("tok") } });
    await expect(verifyDpopProof(check(p, { accessToken: "tok" }))).resolves.toBeTruthy();
    await rejects(verifyDpopProof(check(p, { accessToken: "other" })));
    await rejects(verifyDpopProof(check(await proof(), { accessToken: "tok" })));
  });

  it("DPOP-10: asks for a nonce with use_dpop_nonce when the server requires one", async () => {
    const n = "server-nonce-1";
    const nonce = (v: string | undefined) => v === n;
    await rejects(verifyDpopProof(check(await proof(), { nonce })), "use_dpop_nonce");
    await rejects(
      verifyDpopProof(check(await proof({ claims: { nonce: "forged.AAAAAAAAAAAAAAAAAAAAAA" } }), { nonce })),
      "use_dpop_nonce",
    );
    await expect(verifyDpopProof(check(await proof({ claims: { nonce: n } }), { nonce }))).resolves.toBeTruthy();
  });
});

describe("DPoP authorization header and challenge", () => {
  it("parses the DPoP scheme and builds an RFC 9449 §7.1 challenge", () => {
    expect(parseDpopAuthorization("DPoP abc.def-ghi")).toEqual({ ok: true, token: "abc.def-ghi" });
    expect(parseDpopAuthorization("Bearer abc")).toEqual({ ok: false });
    expect(dpopChallenge({ error: "invalid_token", error_description: 'a "b"' })).toBe(
      'DPoP error="invalid_token", error_description="a \\"b\\"", algs="ES256 ES384 PS256 RS256 EdDSA"',
    );
  });
});
