import { describe, expect, it } from "vitest";
import { bearerChallenge, parseBearerAuthorization, parseBearerChallenge } from "./bearer.ts";

describe("parseBearerAuthorization (RFC 6750 §2.1)", () => {
  it("RS-01: no Authorization header is a missing token", () => {
    expect(parseBearerAuthorization(null)).toEqual({ ok: false, reason: "missing" });
    expect(parseBearerAuthorization("")).toEqual({ ok: false, reason: "missing" });
  });

  it("RS-01: another scheme carries no bearer credentials", () => {
    expect(parseBearerAuthorization("Basic dXNlcjpwYXNz")).toEqual({ ok: false, reason: "missing" });
    expect(parseBearerAuthorization("Bearerish abc")).toEqual({ ok: false, reason: "missing" });
  });

  it.each(["Bearer abc.def-ghi_jkl", "bearer abc.def-ghi_jkl", "BEARER abc.def-ghi_jkl", "Bearer   abc.def-ghi_jkl"])(
    "RS-08: the scheme is case-insensitive (%s)",
    (header) => {
      expect(parseBearerAuthorization(header)).toEqual({ ok: true, token: "abc.def-ghi_jkl" });
    },
  );

  it("accepts every b64token character and trailing '='", () => {
    expect(parseBearerAuthorization("Bearer aZ09-._~+/==")).toEqual({ ok: true, token: "aZ09-._~+/==" });
  });

  it.each(["Bearer", "Bearer ", "Bearer a b", "Bearer a, Bearer b", 'Bearer "quoted"', "Bearer a=b", "Bearer tök"])(
    "RS-11: malformed bearer credentials (%s)",
    (header) => {
      expect(parseBearerAuthorization(header)).toEqual({ ok: false, reason: "malformed" });
    },
  );
});

describe("bearerChallenge (RFC 6750 §3, RFC 9728 §5.1)", () => {
  const prm = "https://gh.example.com/.well-known/oauth-protected-resource/mcp/demo";

  it("RS-01: discovery challenge without an error attribute", () => {
    const header = bearerChallenge({ scope: ["mcp:tools"], resource_metadata: prm });
    expect(header).toBe(`Bearer scope="mcp:tools", resource_metadata="${prm}"`);
    expect(parseBearerChallenge(header)).toEqual({ scope: "mcp:tools", resource_metadata: prm });
  });

  it("RS-01: leaves out an empty scope list", () => {
    expect(bearerChallenge({ scope: [], resource_metadata: prm })).toBe(`Bearer resource_metadata="${prm}"`);
  });

  it("RS-02: invalid_token carries the description and the metadata URL", () => {
    const header = bearerChallenge({
      error: "invalid_token",
      error_description: "The access token expired.",
      resource_metadata: prm,
    });
    expect(parseBearerChallenge(header)).toEqual({
      error: "invalid_token",
      error_description: "The access token expired.",
      resource_metadata: prm,
    });
  });

  it("RS-05: insufficient_scope lists every required scope in one parameter", () => {
    const header = bearerChallenge({
      error: "insufficient_scope",
      scope: ["files:read", "files:write"],
      resource_metadata: prm,
    });
    expect(parseBearerChallenge(header)).toEqual({
      error: "insufficient_scope",
      scope: "files:read files:write",
      resource_metadata: prm,
    });
  });

  it('RS-12: values are quoted strings, with " and \\ escaped as quoted-pairs', () => {
    const header = bearerChallenge({
      error: "invalid_token",
      error_description: 'bad "token" \\ here',
      resource_metadata: prm,
    });
    expect(header).toContain('error_description="bad \\"token\\" \\\\ here"');
    expect(parseBearerChallenge(header)?.error_description).toBe('bad "token" \\ here');
  });

  it("RS-12: control characters never reach the header", () => {
    const header = bearerChallenge({ error: "invalid_token", error_description: "line\r\nInjected: yes" });
    expect(header).not.toMatch(/[\r\n]/);
    expect(() => new Headers({ "WWW-Authenticate": header })).not.toThrow();
  });

  it("RS-12: every auth-param appears at most once, comma-separated", () => {
    const header = bearerChallenge({
      error: "insufficient_scope",
      error_description: "x",
      scope: ["a"],
      resource_metadata: prm,
    });
    const names = [...header.matchAll(/(?:^Bearer |, )([a-z_]+)=/g)].map((m) => m[1]);
    expect(names).toEqual(["error", "error_description", "scope", "resource_metadata"]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("parseBearerChallenge (RFC 9110 §11.6.1)", () => {
  it("RS-12: rejects a repeated parameter", () => {
    expect(parseBearerChallenge('Bearer error="invalid_token", error="invalid_request"')).toBeNull();
  });

  it("accepts token values and optional whitespace around '='", () => {
    expect(parseBearerChallenge('Bearer realm = example, error="invalid_token"')).toEqual({
      realm: "example",
      error: "invalid_token",
    });
  });

  it("rejects other schemes and garbage", () => {
    expect(parseBearerChallenge('Basic realm="x"')).toBeNull();
    expect(parseBearerChallenge('Bearer error="unterminated')).toBeNull();
    expect(parseBearerChallenge(null)).toBeNull();
  });
});
