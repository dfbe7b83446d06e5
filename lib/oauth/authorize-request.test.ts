import { describe, expect, it } from "vitest";
import {
  authorizationResponseUrl,
  canonicalResourceOrNull,
  validateAuthorizeRequest,
  type AuthorizeClient,
  type AuthorizeServer,
  type AuthorizeValidation,
} from "./authorize-request";
import { parseParams } from "./params";

const RESOURCE = "https://mcp.example.test/mcp";
const CB = "http://127.0.0.1:8976/callback";
const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 Appendix B

const server: AuthorizeServer = {
  resource: RESOURCE,
  scopes: [{ name: "mcp:tools" }, { name: "mcp:admin" }],
  defaultScopes: ["mcp:tools"],
};
const app: AuthorizeClient = {
  clientId: "ghc_app",
  redirectUris: [CB],
  grantTypes: ["authorization_code", "refresh_token"],
  allowedScopes: [],
  disabledAt: null,
};

const VALID = {
  response_type: "code",
  client_id: app.clientId,
  redirect_uri: CB,
  code_challenge: CHALLENGE,
  code_challenge_method: "S256",
  scope: "mcp:tools",
  state: "st-1",
  resource: RESOURCE,
};

/** Runs the validation on VALID with `changes` (undefined removes a parameter); `extra` is appended raw. */
function validate(
  changes: Record<string, string | undefined> = {},
  client: AuthorizeClient | null = app,
  extra = "",
): AuthorizeValidation {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...VALID, ...changes })) if (v !== undefined) query.set(k, v);
  const parsed = parseParams(new URLSearchParams(`${query.toString()}${extra}`));
  return validateAuthorizeRequest(parsed, (id) => (client && id === client.clientId ? client : null), server);
}

function redirectError(v: AuthorizeValidation) {
  return v.kind === "redirect" ? { error: v.error, redirectUri: v.redirectUri, state: v.state } : { kind: v.kind };
}

describe("validateAuthorizeRequest: a valid request", () => {
  it("AUTHZ-01: returns the request to continue with", () => {
    expect(validate()).toEqual({
      kind: "ok",
      request: {
        clientId: "ghc_app",
        redirectUri: CB,
        redirectUriGiven: true,
        scopes: ["mcp:tools"],
        resource: RESOURCE,
        state: "st-1",
        codeChallenge: CHALLENGE,
        prompt: undefined,
        dpopJkt: undefined,
      },
    });
  });

  it("DPOP-18: carries dpop_jkt, and refuses one that is not a SHA-256 thumbprint (RFC 9449 §10)", () => {
    const jkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
    const ok = validate({ dpop_jkt: jkt });
    expect(ok.kind === "ok" && ok.request.dpopJkt).toBe(jkt);
    expect(redirectError(validate({ dpop_jkt: "short" }))).toMatchObject({ error: "invalid_request" });
  });

  it("AUTHZ-05: redirect_uri may be omitted when exactly one is registered", () => {
    const v = validate({ redirect_uri: undefined });
    expect(v.kind === "ok" && v.request).toMatchObject({ redirectUri: CB, redirectUriGiven: false });
  });

  it("AUTHZ-04: a loopback redirect URI may use another port", () => {
    const v = validate({ redirect_uri: "http://127.0.0.1:51004/callback" });
    expect(v.kind === "ok" && v.request.redirectUri).toBe("http://127.0.0.1:51004/callback");
  });

  it("AUTHZ-09: state is optional, and kept exactly when sent", () => {
    const without = validate({ state: undefined });
    expect(without.kind === "ok" && without.request.state).toBeUndefined();
    const odd = validate({ state: "a b+c/=" });
    expect(odd.kind === "ok" && odd.request.state).toBe("a b+c/=");
  });

  it("uses the server's default scopes (within the client's ceiling) when scope is absent", () => {
    const v = validate({ scope: undefined });
    expect(v.kind === "ok" && v.request.scopes).toEqual(["mcp:tools"]);
    const narrow = { ...app, allowedScopes: ["mcp:admin"] };
    const w = validate({ scope: undefined }, narrow);
    expect(w.kind === "ok" && w.request.scopes).toEqual([]);
  });

  it("GEN-05: an empty scope counts as absent, so the defaults apply", () => {
    const v = validate({ scope: "" });
    expect(v.kind === "ok" && v.request.scopes).toEqual(["mcp:tools"]);
  });

  it("AUTHZ-19: falls back to the server's resource when resource is absent", () => {
    const v = validate({ resource: undefined });
    expect(v.kind === "ok" && v.request.resource).toBe(RESOURCE);
  });

  it.each(["HTTPS://MCP.EXAMPLE.TEST/mcp", "https://MCP.example.test/mcp", "https://mcp.example.test:443/mcp"])(
    "AUTHZ-20: accepts %s as the canonical resource",
    (resource) => {
      const v = validate({ resource });
      expect(v.kind === "ok" && v.request.resource).toBe(RESOURCE);
    },
  );

  it("AUTHZ-18: resource may repeat when every value is this server's resource", () => {
    const v = validate({}, app, `&resource=${encodeURIComponent("HTTPS://MCP.EXAMPLE.TEST/mcp")}`);
    expect(v.kind === "ok" && v.request.resource).toBe(RESOURCE);
  });

  it.each(["none", "consent", "login"])("keeps prompt=%s", (prompt) => {
    const v = validate({ prompt });
    expect(v.kind === "ok" && v.request.prompt).toBe(prompt);
  });

  it("ignores an unknown prompt value and unknown parameters (GEN-03)", () => {
    const v = validate({ prompt: "select_account", foo: "bar" });
    expect(v.kind === "ok" && v.request.prompt).toBeUndefined();
  });
});

describe("validateAuthorizeRequest: errors shown on a page, never redirected (AUTHZ-02)", () => {
  it.each<[string, Record<string, string | undefined>, AuthorizeClient | null, string]>([
    ["client_id missing", { client_id: undefined }, app, "Missing client_id"],
    ["an unknown client", {}, null, "Unknown application"],
    ["a disabled client", {}, { ...app, disabledAt: new Date(0) }, "Application disabled"],
    ["an unregistered redirect_uri", { redirect_uri: "https://evil.test/cb" }, app, "Invalid redirect URI"],
    ["AUTHZ-03: a trailing slash on the redirect_uri", { redirect_uri: `${CB}/` }, app, "Invalid redirect URI"],
    ["AUTHZ-03: an extra query on the redirect_uri", { redirect_uri: `${CB}?x=1` }, app, "Invalid redirect URI"],
    [
      "AUTHZ-04: localhost instead of 127.0.0.1",
      { redirect_uri: "http://localhost:8976/callback" },
      app,
      "Invalid redirect URI",
    ],
    [
      "AUTHZ-05: no redirect_uri when several are registered",
      { redirect_uri: undefined },
      { ...app, redirectUris: [CB, "https://app.test/cb"] },
      "Missing redirect URI",
    ],
  ])("%s", (_case, changes, client, title) => {
    const v = validate(changes, client);
    expect(v.kind).toBe("page");
    expect(v.kind === "page" && v.title).toBe(title);
  });

  it("AUTHZ-02 before AUTHZ-06: a bad redirect_uri wins over every other error", () => {
    const v = validate({
      redirect_uri: "https://evil.test/cb",
      response_type: "token",
      code_challenge: undefined,
      scope: "bogus",
      resource: "https://other.test/mcp",
    });
    expect(v.kind).toBe("page");
  });

  it("AUTHZ-02 before AUTHZ-06: an unknown client wins over every other error", () => {
    expect(validate({ response_type: undefined }, null).kind).toBe("page");
  });
});

describe("validateAuthorizeRequest: errors redirected to the client (AUTHZ-06)", () => {
  it.each<[string, Record<string, string | undefined>, string]>([
    ["response_type missing", { response_type: undefined }, "invalid_request"],
    ["response_type=token", { response_type: "token" }, "unsupported_response_type"],
    ["response_type=code id_token", { response_type: "code id_token" }, "unsupported_response_type"],
    [
      "PKCE-01: code_challenge missing",
      { code_challenge: undefined, code_challenge_method: undefined },
      "invalid_request",
    ],
    ["PKCE-01 / GEN-05: an empty code_challenge", { code_challenge: "" }, "invalid_request"],
    ["PKCE-03: code_challenge_method=plain", { code_challenge_method: "plain" }, "invalid_request"],
    [
      "PKCE-03: code_challenge_method=s256 (methods are case-sensitive)",
      { code_challenge_method: "s256" },
      "invalid_request",
    ],
    ["PKCE-04: code_challenge_method missing (means plain)", { code_challenge_method: undefined }, "invalid_request"],
    ["PKCE-05: a challenge of 3 characters", { code_challenge: "abc" }, "invalid_request"],
    ["PKCE-05: a challenge of 44 characters", { code_challenge: `${CHALLENGE}A` }, "invalid_request"],
    ["PKCE-05: a challenge with padding", { code_challenge: `${CHALLENGE.slice(0, 42)}=` }, "invalid_request"],
    ["an unknown scope", { scope: "mcp:tools bogus" }, "invalid_scope"],
    ["AUTHZ-18: another resource", { resource: "https://other.test/mcp" }, "invalid_target"],
    ["AUTHZ-18: a relative resource", { resource: "mcp.example.test/mcp" }, "invalid_target"],
    ["AUTHZ-18: a resource with a fragment", { resource: `${RESOURCE}#x` }, "invalid_target"],
    ["AUTHZ-18: a resource with an empty fragment", { resource: `${RESOURCE}#` }, "invalid_target"],
    ["AUTHZ-18: a resource on another path", { resource: "https://mcp.example.test/mcp/other" }, "invalid_target"],
    ["AUTHZ-18: a resource with a query", { resource: `${RESOURCE}?tenant=1` }, "invalid_target"],
    ["AUTHZ-18: a resource that is not a URL", { resource: "urn:example:mcp" }, "invalid_target"],
  ])("%s → %s", (_case, changes, error) => {
    expect(redirectError(validate(changes))).toEqual({ error, redirectUri: CB, state: "st-1" });
  });

  it("AUTHZ-18: a second, foreign resource is invalid_target even when the first is right", () => {
    expect(redirectError(validate({}, app, "&resource=https%3A%2F%2Fother.test%2Fmcp"))).toMatchObject({
      error: "invalid_target",
    });
  });

  it("a scope outside the client's allowed list is invalid_scope", () => {
    expect(redirectError(validate({ scope: "mcp:admin" }, { ...app, allowedScopes: ["mcp:tools"] }))).toMatchObject({
      error: "invalid_scope",
    });
  });

  it("TOK-11: a client without the authorization_code grant is unauthorized_client", () => {
    expect(redirectError(validate({}, { ...app, grantTypes: ["client_credentials"] }))).toMatchObject({
      error: "unauthorized_client",
    });
  });

  it("AUTHZ-09: the error redirect carries no state when none was sent", () => {
    expect(redirectError(validate({ response_type: undefined, state: undefined }))).toEqual({
      error: "invalid_request",
      redirectUri: CB,
      state: undefined,
    });
  });

  it("AUTHZ-06: redirects to the redirect_uri actually requested (loopback port included)", () => {
    expect(redirectError(validate({ redirect_uri: "http://127.0.0.1:51004/callback", scope: "bogus" }))).toMatchObject({
      redirectUri: "http://127.0.0.1:51004/callback",
    });
  });
});

describe("canonicalResourceOrNull (RFC 8707 §2)", () => {
  it.each<[string, string | null]>([
    ["https://mcp.example.test/mcp", "https://mcp.example.test/mcp"],
    ["HTTPS://MCP.EXAMPLE.TEST/mcp", "https://mcp.example.test/mcp"],
    ["https://mcp.example.test", "https://mcp.example.test"],
    ["https://mcp.example.test/mcp#frag", null],
    ["mcp.example.test/mcp", null],
    ["urn:example:mcp", null],
    ["", null],
  ])("%s → %s", (value, expected) => {
    expect(canonicalResourceOrNull(value)).toBe(expected);
  });
});

describe("authorizationResponseUrl (AUTHZ-08, AUTHZ-10)", () => {
  const iss = "https://as.example.test/oauth/demo";

  it("adds code, state and iss to the query", () => {
    const url = new URL(authorizationResponseUrl(CB, { code: "c1", state: "s 1", iss }));
    expect(url.origin + url.pathname).toBe(CB);
    expect(Object.fromEntries(url.searchParams)).toEqual({ code: "c1", state: "s 1", iss });
  });

  it("AUTHZ-08: keeps the query the registered URI already has", () => {
    const location = authorizationResponseUrl("https://app.test/cb?t=1", { code: "c1", state: "s", iss });
    expect(location.startsWith("https://app.test/cb?t=1&code=c1&state=s&iss=")).toBe(true);
    expect(new URL(location).searchParams.get("iss")).toBe(iss);
  });

  it("AUTHZ-08: keeps the existing query byte for byte, without re-encoding it", () => {
    const location = authorizationResponseUrl("https://app.test/cb?next=%2Fhome%20page&flag", { code: "c1" });
    expect(location).toBe("https://app.test/cb?next=%2Fhome%20page&flag&code=c1");
  });

  it("AUTHZ-09: leaves out parameters without a value (no state when none was sent)", () => {
    const url = new URL(authorizationResponseUrl(CB, { error: "access_denied", state: undefined, iss }));
    expect(url.searchParams.has("state")).toBe(false);
    expect(url.searchParams.getAll("iss")).toEqual([iss]);
  });

  it("AUTHZ-09: round-trips a state that needs escaping", () => {
    const state = "a b+c/=&x=y";
    expect(new URL(authorizationResponseUrl(CB, { code: "c", state })).searchParams.get("state")).toBe(state);
  });
});
