import { describe, expect, it } from "vitest";
import { hashSecret, type StoredClientSecrets } from "./client-credentials-secret";
import {
  authenticatePresentedClient,
  parseBasicAuth,
  presentedClient,
  type AuthenticatableClient,
  type PresentedClient,
} from "./client-auth";
import { OAuthError } from "./errors";
import { parseParams } from "./params";

/** RFC 6749 §2.3.1: id and secret are form-urlencoded, joined with ":", then base64. */
function basic(clientId: string, clientSecret: string): string {
  const enc = (s: string) => new URLSearchParams({ v: s }).toString().slice(2);
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`).toString("base64")}`;
}

function caught(fn: () => unknown): OAuthError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OAuthError) return err;
    throw err;
  }
  throw new Error("expected an OAuthError");
}

describe("parseBasicAuth (RFC 6749 §2.3.1)", () => {
  it.each([
    ["a plain id and secret", "ghc_abc", "ghs_def"],
    ["'%', ':' and '+' in the secret", "ghc_abc", "p%:+w:d"],
    ["spaces in the id and the secret", "my client", "a secret with spaces"],
    ["non-ASCII characters", "clïent", "sécret"],
    ["an empty secret", "ghc_abc", ""],
  ])("TOK-05: decodes form-urlencoded credentials with %s", (_case, clientId, clientSecret) => {
    expect(parseBasicAuth(basic(clientId, clientSecret))).toEqual({ clientId, clientSecret });
  });

  it("TOK-05: '+' in the encoded form is a space, '%2B' is a plus", () => {
    const header = `Basic ${Buffer.from("a+b:c%2Bd").toString("base64")}`;
    expect(parseBasicAuth(header)).toEqual({ clientId: "a b", clientSecret: "c+d" });
  });

  it.each([
    ["a form-encoded NUL in the id", "a%00:b"],
    ["a raw NUL in the secret", "a:b\0c"],
  ])("refuses %s with invalid_request (PostgreSQL cannot store NUL)", (_case, credentials) => {
    const header = `Basic ${Buffer.from(credentials).toString("base64")}`;
    expect(() => parseBasicAuth(header)).toThrow(expect.objectContaining({ code: "invalid_request", status: 400 }));
  });

  it("the scheme name is case-insensitive", () => {
    expect(parseBasicAuth(basic("a", "b").replace("Basic", "bAsIc"))).toEqual({ clientId: "a", clientSecret: "b" });
  });

  it.each([
    ["no header", null],
    ["an empty header", ""],
    ["another scheme", "Bearer abc"],
    ["Basic without credentials", "Basic "],
    ["two credentials", "Basic abc def"],
  ])("%s is not Basic credentials", (_case, header) => {
    expect(parseBasicAuth(header)).toBeUndefined();
  });

  it("TOK-04: credentials without ':' are invalid_client", () => {
    expect(caught(() => parseBasicAuth(`Basic ${Buffer.from("no-colon").toString("base64")}`)).code).toBe(
      "invalid_client",
    );
  });

  it("TOK-04: credentials that are not valid form-encoding are invalid_client", () => {
    expect(caught(() => parseBasicAuth(`Basic ${Buffer.from("id:%zz").toString("base64")}`)).code).toBe(
      "invalid_client",
    );
  });
});

describe("presentedClient (OAuth 2.1 §2.4, §3.2.1)", () => {
  const params = (query: string) => parseParams(new URLSearchParams(query)).params;
  const headers = (authorization?: string) => new Headers(authorization ? { authorization } : {});

  it.each<[string, string | undefined, string, PresentedClient]>([
    [
      "client_secret_basic",
      basic("ghc_a", "s:1"),
      "grant_type=client_credentials",
      { method: "client_secret_basic", clientId: "ghc_a", clientSecret: "s:1" },
    ],
    [
      "client_secret_basic with the same client_id in the body",
      basic("ghc_a", "s"),
      "client_id=ghc_a",
      { method: "client_secret_basic", clientId: "ghc_a", clientSecret: "s" },
    ],
    [
      "client_secret_post (body only)",
      undefined,
      "client_id=ghc_a&client_secret=s",
      { method: "client_secret_post", clientId: "ghc_a", clientSecret: "s" },
    ],
    [
      "none (a public client sends only client_id)",
      undefined,
      "client_id=ghc_a",
      { method: "none", clientId: "ghc_a" },
    ],
    [
      "none, when client_secret is empty (GEN-05)",
      undefined,
      "client_id=ghc_a&client_secret=",
      { method: "none", clientId: "ghc_a" },
    ],
  ])("TOK-05 / TOK-08: recognises %s", (_case, authorization, body, expected) => {
    expect(presentedClient(headers(authorization), params(body))).toEqual(expected);
  });

  it("TOK-07: Basic and client_secret in the body together are invalid_request", () => {
    const err = caught(() => presentedClient(headers(basic("ghc_a", "s")), params("client_secret=s")));
    expect(err.code).toBe("invalid_request");
  });

  it("TOK-07: a body client_id that differs from the Basic one is invalid_request", () => {
    expect(caught(() => presentedClient(headers(basic("ghc_a", "s")), params("client_id=ghc_b"))).code).toBe(
      "invalid_request",
    );
  });

  it.each([
    ["no client_id and no Authorization header", undefined, "grant_type=client_credentials"],
    ["an Authorization header with another scheme", "Bearer abc", "client_id=ghc_a"],
    [
      "a client assertion that is not a JWT",
      undefined,
      "client_id=ghc_a&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=x.y.z",
    ],
  ])("TOK-08: %s is invalid_client", (_case, authorization, body) => {
    expect(caught(() => presentedClient(headers(authorization), params(body))).code).toBe("invalid_client");
  });
});

describe("authenticatePresentedClient (TOK-08, CC-02)", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const noSecrets: StoredClientSecrets = { secretHash: null, previousSecretHash: null, previousSecretExpiresAt: null };
  const confidential: AuthenticatableClient = {
    ...noSecrets,
    secretHash: hashSecret("ghs_current"),
    isConfidential: true,
    tokenEndpointAuthMethod: "client_secret_basic",
    disabledAt: null,
  };
  const rotated: AuthenticatableClient = {
    ...confidential,
    previousSecretHash: hashSecret("ghs_previous"),
    previousSecretExpiresAt: new Date(now.getTime() + 3_600_000),
  };
  const publicClient: AuthenticatableClient = {
    ...noSecrets,
    isConfidential: false,
    tokenEndpointAuthMethod: "none",
    disabledAt: null,
  };

  const post = (clientSecret: string): PresentedClient => ({
    method: "client_secret_post",
    clientId: "ghc_a",
    clientSecret,
  });
  const none: PresentedClient = { method: "none", clientId: "ghc_a" };

  it.each<[string, PresentedClient, AuthenticatableClient]>([
    ["a confidential client with its current secret (post)", post("ghs_current"), confidential],
    [
      "a confidential client with its current secret (Basic)",
      { method: "client_secret_basic", clientId: "ghc_a", clientSecret: "ghs_current" },
      confidential,
    ],
    ["the previous secret inside the grace window after a rotation", post("ghs_previous"), rotated],
    ["the current secret after a rotation", post("ghs_current"), rotated],
    ["a public client sending only client_id", none, publicClient],
  ])("accepts %s", (_case, presented, client) => {
    expect(authenticatePresentedClient(presented, client, now)).toBe(client);
  });

  it.each<[string, PresentedClient, AuthenticatableClient | null]>([
    ["an unknown client", post("ghs_current"), null],
    ["TOK-08: a confidential client without a secret", none, confidential],
    ["CC-02: a wrong secret", post("ghs_wrong"), confidential],
    ["an empty secret", post(""), confidential],
    [
      "the previous secret after its grace window",
      post("ghs_previous"),
      { ...rotated, previousSecretExpiresAt: new Date(now.getTime() - 1) },
    ],
    [
      "the previous secret exactly at the end of its grace window",
      post("ghs_previous"),
      { ...rotated, previousSecretExpiresAt: now },
    ],
    ["a public client presenting a secret", post("anything"), publicClient],
    [
      "a disabled confidential client with its right secret",
      post("ghs_current"),
      { ...confidential, disabledAt: new Date(0) },
    ],
    ["a disabled public client", none, { ...publicClient, disabledAt: new Date(0) }],
  ])("refuses %s with invalid_client", (_case, presented, client) => {
    const err = caught(() => authenticatePresentedClient(presented, client, now));
    expect(err.code).toBe("invalid_client");
  });
});
