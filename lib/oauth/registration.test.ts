import { describe, expect, it } from "vitest";
import { OAuthError } from "./errors";
import { validateRegistration, type EffectiveRegistration } from "./registration";

const SERVER_SCOPES = ["mcp:tools", "mcp:admin"];
const CB = "http://127.0.0.1:33418/callback";

function register(body: unknown): EffectiveRegistration {
  return validateRegistration(body, SERVER_SCOPES);
}

function refusal(body: unknown): { code: string; description: string } {
  try {
    register(body);
  } catch (err) {
    if (err instanceof OAuthError) return { code: err.code, description: err.description };
    throw err;
  }
  throw new Error("expected the registration to be refused");
}

describe("validateRegistration: effective metadata (RFC 7591 §2, §3.2.1)", () => {
  it("REG-03 / REG-13: fills in the RFC defaults for a minimal request", () => {
    expect(register({ redirect_uris: [CB] })).toEqual({
      redirectUris: [CB],
      tokenEndpointAuthMethod: "client_secret_basic",
      grantTypes: ["authorization_code", "refresh_token"],
      responseTypes: ["code"],
      clientName: "Unnamed MCP client",
      clientUri: undefined,
      logoUri: undefined,
      scopes: [],
      softwareId: undefined,
      softwareVersion: undefined,
      applicationType: "web",
      contacts: [],
      jwks: null,
      jwksUri: null,
      dpopBoundAccessTokens: false,
    });
  });

  it("REG-03: keeps every understood field", () => {
    const reg = register({
      redirect_uris: [CB, "https://app.example.test/cb"],
      token_endpoint_auth_method: "client_secret_post",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      client_name: "  Claude  ",
      client_uri: "https://claude.example.test",
      logo_uri: "https://claude.example.test/logo.png",
      scope: "mcp:tools",
      contacts: ["ops@example.test"],
      software_id: "claude-desktop",
      software_version: "1.2.3",
    });
    expect(reg).toMatchObject({
      redirectUris: [CB, "https://app.example.test/cb"],
      tokenEndpointAuthMethod: "client_secret_post",
      clientName: "Claude",
      clientUri: "https://claude.example.test",
      logoUri: "https://claude.example.test/logo.png",
      scopes: ["mcp:tools"],
      contacts: ["ops@example.test"],
      softwareId: "claude-desktop",
      softwareVersion: "1.2.3",
    });
  });

  it("refresh tokens go to code clients: refresh_token is added to the effective grant types", () => {
    expect(register({ redirect_uris: [CB], grant_types: ["authorization_code"] }).grantTypes).toEqual([
      "authorization_code",
      "refresh_token",
    ]);
    expect(register({ redirect_uris: [CB], grant_types: ["refresh_token", "authorization_code"] }).grantTypes).toEqual([
      "refresh_token",
      "authorization_code",
    ]);
  });

  it("a client-credentials client needs no redirect URI and gets no response types or refresh tokens", () => {
    const reg = register({ grant_types: ["client_credentials"], token_endpoint_auth_method: "client_secret_basic" });
    expect(reg).toMatchObject({
      redirectUris: [],
      grantTypes: ["client_credentials"],
      responseTypes: [],
      tokenEndpointAuthMethod: "client_secret_basic",
    });
  });

  it("REG-10: response_types are substituted (and so echoed) to match the grant types", () => {
    expect(register({ grant_types: ["client_credentials"], response_types: ["code"] }).responseTypes).toEqual([]);
  });

  it.each(["none", "client_secret_basic", "client_secret_post"] as const)(
    "REG-06 / REG-13: token_endpoint_auth_method %s is accepted",
    (method) => {
      expect(register({ redirect_uris: [CB], token_endpoint_auth_method: method }).tokenEndpointAuthMethod).toBe(
        method,
      );
    },
  );

  it("REG-11: application_type native with loopback http redirect URIs is accepted", () => {
    const reg = register({
      application_type: "native",
      redirect_uris: ["http://127.0.0.1:33418/cb", "http://localhost:6274/oauth/callback", "http://[::1]/cb"],
      token_endpoint_auth_method: "none",
    });
    expect(reg.applicationType).toBe("native");
    expect(reg.redirectUris).toHaveLength(3);
  });

  it("REG-11: an unknown application_type falls back to web rather than failing", () => {
    expect(register({ redirect_uris: [CB], application_type: "desktop" }).applicationType).toBe("web");
  });

  it("the requested scope is intersected with the server's scopes", () => {
    expect(register({ redirect_uris: [CB], scope: "mcp:admin bogus mcp:tools" }).scopes).toEqual([
      "mcp:admin",
      "mcp:tools",
    ]);
    expect(register({ redirect_uris: [CB], scope: "" }).scopes).toEqual([]);
  });

  it("REG-07: unknown fields are ignored, not rejected", () => {
    const reg = register({
      redirect_uris: [CB],
      token_endpoint_auth_method: "none",
      foo: "bar",
      software_statement: "eyJ.x.y",
      jwks: { keys: [] },
      post_logout_redirect_uris: ["https://x.test"],
      nested: { anything: [1, 2, 3] },
    });
    expect(reg.tokenEndpointAuthMethod).toBe("none");
    expect(Object.keys(reg)).not.toContain("foo");
  });

  it("GEN-08: a client_id or client_secret in the request is ignored", () => {
    const reg = register({ redirect_uris: [CB], client_id: "user-123", client_secret: "chosen" });
    expect(JSON.stringify(reg)).not.toContain("user-123");
    expect(JSON.stringify(reg)).not.toContain("chosen");
  });
});

describe("validateRegistration: invalid_redirect_uri (REG-08, REG-09)", () => {
  it.each([
    ["http to a non-loopback host", "http://evil.example/cb"],
    ["a fragment", "https://a.test/cb#x"],
    ["javascript:", "javascript://x"],
    ["data:", "data:text/html,hi"],
    ["file:", "file:///etc/passwd"],
    ["a relative URI", "/callback"],
    ["a private-use scheme without a dot", "myapp:/callback"],
    ["a wildcard", "https://*.example.test/cb"],
  ])("REG-08: refuses %s", (_case, uri) => {
    expect(refusal({ redirect_uris: [CB, uri] })).toMatchObject({
      code: "invalid_redirect_uri",
      description: expect.stringContaining(uri),
    });
  });

  it("REG-08: refuses the same redirect URI twice", () => {
    expect(refusal({ redirect_uris: [CB, CB] }).code).toBe("invalid_redirect_uri");
  });

  it.each([
    ["no redirect_uris (the grant defaults to authorization_code)", { client_name: "x" }],
    ["an empty redirect_uris list", { redirect_uris: [] }],
    ["authorization_code asked for explicitly", { grant_types: ["authorization_code", "client_credentials"] }],
  ])("REG-09: refuses %s", (_case, body) => {
    expect(refusal(body).code).toBe("invalid_redirect_uri");
  });
});

describe("validateRegistration: invalid_client_metadata (REG-10)", () => {
  it.each<[string, unknown]>([
    ["a body that is not an object", "redirect_uris"],
    ["a JSON array", [{ redirect_uris: [CB] }]],
    ["null", null],
    ["redirect_uris as a string", { redirect_uris: CB }],
    ["a non-string redirect URI", { redirect_uris: [42] }],
    ["an unsupported auth method", { redirect_uris: [CB], token_endpoint_auth_method: "private_key_jwt" }],
    ["client_secret_jwt", { redirect_uris: [CB], token_endpoint_auth_method: "client_secret_jwt" }],
    ["the implicit grant", { redirect_uris: [CB], grant_types: ["implicit"] }],
    ["the password grant", { redirect_uris: [CB], grant_types: ["password"] }],
    ["no grant types at all", { redirect_uris: [CB], grant_types: [] }],
    ["response_types token", { redirect_uris: [CB], response_types: ["token"] }],
    [
      "client_credentials for a public (none) client",
      { grant_types: ["client_credentials"], token_endpoint_auth_method: "none" },
    ],
    ["an http client_uri", { redirect_uris: [CB], client_uri: "http://app.example.test" }],
    ["a javascript: logo_uri", { redirect_uris: [CB], logo_uri: "javascript:alert(1)" }],
    ["a client_name over 200 characters", { redirect_uris: [CB], client_name: "x".repeat(201) }],
    ["more than 20 redirect URIs", { redirect_uris: Array.from({ length: 21 }, (_, i) => `https://a.test/cb${i}`) }],
  ])("refuses %s", (_case, body) => {
    expect(refusal(body).code).toBe("invalid_client_metadata");
  });
});

describe("dpop_bound_access_tokens (RFC 9449 §5.2)", () => {
  it("is accepted as a boolean and refused otherwise", () => {
    expect(
      validateRegistration({ redirect_uris: ["http://127.0.0.1/cb"], dpop_bound_access_tokens: true }, [])
        .dpopBoundAccessTokens,
    ).toBe(true);
    expect(() =>
      validateRegistration({ redirect_uris: ["http://127.0.0.1/cb"], dpop_bound_access_tokens: "yes" }, []),
    ).toThrow();
  });
});
