import { describe, expect, it } from "vitest";
import { jsonNoStore, OAuthError, oauthErrorResponse, type OAuthErrorCode } from "./errors";

describe("oauthErrorResponse (RFC 6749 §5.2, OAuth 2.1 §3.2.4)", () => {
  it.each<OAuthErrorCode>([
    "invalid_request",
    "invalid_grant",
    "unauthorized_client",
    "unsupported_grant_type",
    "invalid_scope",
    "invalid_target",
    "invalid_redirect_uri",
    "invalid_client_metadata",
  ])("TOK-03 / GEN-06: %s is 400 JSON with error and error_description", async (code) => {
    const res = oauthErrorResponse(new OAuthError(code, "Something is wrong."));
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.has("www-authenticate")).toBe(false);
    expect(await res.json()).toEqual({ error: code, error_description: "Something is wrong." });
  });

  it("TOK-04: invalid_client after HTTP Basic is 401 with a Basic challenge", async () => {
    const res = oauthErrorResponse(new OAuthError("invalid_client", "Client authentication failed."), true);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic realm="[^"]+"/);
    expect(await res.json()).toMatchObject({ error: "invalid_client" });
  });

  it("TOK-04: invalid_client without HTTP Basic is still 401 with a Basic challenge", () => {
    const res = oauthErrorResponse(new OAuthError("invalid_client", "Client authentication failed."));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic /);
  });

  it("GEN-07: a throttled invalid_client stays 429 with Retry-After and no challenge", () => {
    const res = oauthErrorResponse(
      new OAuthError("invalid_client", "Too many attempts.", 429, { "Retry-After": "30" }),
      true,
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(res.headers.has("www-authenticate")).toBe(false);
  });

  it("keeps the status and extra headers of the error (TOK-01: 405 with Allow)", () => {
    const res = oauthErrorResponse(new OAuthError("invalid_request", "Use POST.", 405, { Allow: "POST" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it.each([
    ["invalid_request", new OAuthError("invalid_request", "x")],
    ["invalid_client", new OAuthError("invalid_client", "x")],
    ["a throttled invalid_client", new OAuthError("invalid_client", "x", 429, { "Retry-After": "1" })],
  ])("GEN-02: %s carries Cache-Control: no-store", (_case, err) => {
    expect(oauthErrorResponse(err).headers.get("cache-control")).toBe("no-store");
  });
});

describe("jsonNoStore", () => {
  it("GEN-02: a token-bearing JSON response is no-store, with the status and headers given", async () => {
    const res = jsonNoStore({ access_token: "t" }, 201, { "X-Extra": "1" });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("pragma")).toBe("no-cache");
    expect(res.headers.get("x-extra")).toBe("1");
    expect(await res.json()).toEqual({ access_token: "t" });
  });
});

describe("OAuthError", () => {
  it("is an Error whose message is the description, 400 by default", () => {
    const err = new OAuthError("invalid_scope", "Nope.");
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({
      name: "OAuthError",
      message: "Nope.",
      code: "invalid_scope",
      status: 400,
      headers: {},
    });
  });
});
