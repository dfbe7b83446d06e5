// ID-JAG validation (SEP-990 §5.1 over RFC 7521 §5.2 / RFC 7523 §3): every rule refuses with
// invalid_grant, and only an assertion that passes all of them yields claims.
import { describe, expect, it } from "vitest";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { OAuthError } from "./errors";
import { ID_JAG_TYP, idJagScopes, verifyIdJag, type IdJagExpectations } from "./id-jag";

const IDP = "https://idp.corp.example";
const { publicKey, privateKey } = await generateKeyPair("ES256");
const other = await generateKeyPair("ES256");
const publicJwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256" };
const keys = createLocalJWKSet({ keys: [publicJwk] });
const now = new Date("2026-12-03T10:00:00Z");
const nowS = Math.floor(now.getTime() / 1000);
const expected: IdJagExpectations = {
  issuer: "https://auth.example.com/oauth/demo",
  resource: "https://auth.example.com/mcp/demo",
  clientId: "ghc_client",
  now,
};
const trusted = async (iss: string) => (iss === IDP ? keys : undefined);

function claims(over: JWTPayload = {}): JWTPayload {
  return {
    iss: IDP,
    sub: "00u1",
    aud: expected.issuer,
    resource: expected.resource,
    client_id: expected.clientId,
    jti: "jti-1",
    iat: nowS - 10,
    exp: nowS + 290,
    scope: "mcp:tools",
    email: "ada@corp.example",
    email_verified: true,
    ...over,
  };
}

function sign(payload: JWTPayload, header: Record<string, unknown> = {}, key: CryptoKey | Uint8Array = privateKey) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "ES256", kid: "k1", typ: ID_JAG_TYP, ...header } as { alg: string })
    .sign(key);
}

async function refusal(assertion: string | Promise<string>): Promise<string> {
  try {
    await verifyIdJag(await assertion, expected, trusted);
  } catch (err) {
    expect(err).toBeInstanceOf(OAuthError);
    expect((err as OAuthError).code).toBe("invalid_grant");
    return (err as OAuthError).description;
  }
  throw new Error("accepted");
}

describe("verifyIdJag", () => {
  it("accepts a well-formed assertion and returns its claims", async () => {
    const result = await verifyIdJag(await sign(claims()), expected, trusted);
    expect(result).toEqual({
      iss: IDP,
      sub: "00u1",
      jti: "jti-1",
      exp: nowS + 290,
      scopes: ["mcp:tools"],
      email: "ada@corp.example",
      emailVerified: true,
    });
  });

  it.each([
    ["IDJAG-01 typ JWT instead of oauth-id-jag+jwt", () => sign(claims(), { typ: "JWT" }), /typ/],
    ["IDJAG-01 no typ", () => sign(claims(), { typ: undefined }), /typ/],
    ["IDJAG-03 aud is another server", () => sign(claims({ aud: "https://other.example" })), /aud/],
    ["IDJAG-04 resource is another MCP server", () => sign(claims({ resource: "https://x.example/mcp" })), /resource/],
    ["IDJAG-05 client_id is another client", () => sign(claims({ client_id: "ghc_other" })), /another client/],
    ["IDJAG-06 expired", () => sign(claims({ iat: nowS - 900, exp: nowS - 600 })), /expired/],
    ["IDJAG-06 lives too long", () => sign(claims({ exp: nowS + 3600 })), /expire within/],
    ["IDJAG-06 iat in the future", () => sign(claims({ iat: nowS + 120, exp: nowS + 300 })), /iat|future/],
    ["IDJAG-07 no jti", () => sign(claims({ jti: undefined })), /jti/],
    ["IDJAG-02 untrusted issuer", () => sign(claims({ iss: "https://evil.example" })), /not trusted/],
    ["IDJAG-02 signed by another key", () => sign(claims(), {}, other.privateKey), /signature/],
    ["no client_id claim", () => sign(claims({ client_id: undefined })), /client_id/],
    ["no resource claim", () => sign(claims({ resource: undefined })), /resource/],
    ["scope not a string", () => sign(claims({ scope: ["mcp:tools"] })), /scope/],
  ])("refuses: %s", async (_name, make, message) => {
    expect(await refusal(make())).toMatch(message);
  });

  it("IDJAG-08 refuses alg none", async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    expect(await refusal(`${b64({ alg: "none", typ: ID_JAG_TYP })}.${b64(claims())}.`)).toMatch(/alg/);
  });

  it("IDJAG-08 refuses HS256 signed with the public key as the secret", async () => {
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    expect(await refusal(sign(claims(), { alg: "HS256" }, secret))).toMatch(/alg/);
  });

  it("refuses something that is not a JWT", async () => {
    expect(await refusal("not-a-jwt")).toMatch(/not a signed JWT/);
  });
});

describe("idJagScopes", () => {
  const ceiling = ["mcp:tools", "mcp:admin"];
  it("grants what the assertion grants within the client's ceiling when no scope is requested", () => {
    expect(idJagScopes(undefined, ["mcp:tools", "other"], ceiling)).toEqual(["mcp:tools"]);
    expect(idJagScopes(undefined, undefined, ceiling)).toEqual(ceiling);
  });
  it("IDJAG-09 refuses a requested scope the assertion does not grant (escalation)", () => {
    expect(() => idJagScopes("mcp:tools mcp:admin", ["mcp:tools"], ceiling)).toThrow(/does not grant: mcp:admin/);
  });
  it("narrows to the requested scope", () => {
    expect(idJagScopes("mcp:tools", ["mcp:tools", "mcp:admin"], ceiling)).toEqual(["mcp:tools"]);
  });
  it("refuses when nothing the assertion grants is within the ceiling", () => {
    expect(() => idJagScopes(undefined, ["other"], ceiling)).toThrow(OAuthError);
  });
});
