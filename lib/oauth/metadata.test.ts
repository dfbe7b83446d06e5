import { describe, expect, it } from "vitest";
import { authorizationServerMetadata, corsPreflight, CORS_HEADERS, withCors, type MetadataInput } from "./metadata";

const ISSUER = "https://gatehouse.example.test/oauth/demo";
const base: MetadataInput = { issuer: ISSUER, scopes: ["mcp:tools", "mcp:admin"], dcrEnabled: false };

function emptyArrays(doc: Record<string, unknown>): string[] {
  return Object.entries(doc)
    .filter(([, v]) => Array.isArray(v) && v.length === 0)
    .map(([k]) => k);
}

describe("authorizationServerMetadata (RFC 8414)", () => {
  it("META-03: issuer is the configured issuer byte for byte", () => {
    expect(authorizationServerMetadata(base).issuer).toBe(ISSUER);
  });

  it("META-05: the endpoints live under the issuer; response_types_supported is exactly [code]", () => {
    const doc = authorizationServerMetadata(base);
    expect(doc).toMatchObject({
      authorization_endpoint: `${ISSUER}/authorize`,
      token_endpoint: `${ISSUER}/token`,
      jwks_uri: `${ISSUER}/jwks`,
      revocation_endpoint: `${ISSUER}/revoke`,
      introspection_endpoint: `${ISSUER}/introspect`,
      response_types_supported: ["code"],
    });
  });

  it("META-06: code_challenge_methods_supported is exactly [S256], never plain", () => {
    expect(authorizationServerMetadata(base).code_challenge_methods_supported).toEqual(["S256"]);
  });

  it("META-09: registration_endpoint is published only while DCR is on", () => {
    expect(authorizationServerMetadata(base)).not.toHaveProperty("registration_endpoint");
    expect(authorizationServerMetadata({ ...base, dcrEnabled: true }).registration_endpoint).toBe(`${ISSUER}/register`);
  });

  it("META-08: client_id_metadata_document_supported is the boolean true only while CIMD is on", () => {
    expect(authorizationServerMetadata(base)).not.toHaveProperty("client_id_metadata_document_supported");
    expect(authorizationServerMetadata({ ...base, cimdEnabled: false })).not.toHaveProperty(
      "client_id_metadata_document_supported",
    );
    expect(authorizationServerMetadata({ ...base, cimdEnabled: true }).client_id_metadata_document_supported).toBe(
      true,
    );
  });

  it("META-10 / META-16: token and revocation auth methods are explicit and include none", () => {
    const doc = authorizationServerMetadata(base);
    expect(doc.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(["client_secret_basic", "client_secret_post", "none"]),
    );
    expect(doc.revocation_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["none"]));
    expect(doc.introspection_endpoint_auth_methods_supported).not.toContain("none");
  });

  it("META-11 / PKJWT: private_key_jwt is listed with its signing algorithms, never none or HS*", () => {
    const doc = authorizationServerMetadata(base);
    for (const endpoint of ["token", "revocation", "introspection"]) {
      expect(doc[`${endpoint}_endpoint_auth_methods_supported`]).toContain("private_key_jwt");
      expect(doc[`${endpoint}_endpoint_auth_signing_alg_values_supported`]).toEqual([
        "ES256",
        "ES384",
        "PS256",
        "RS256",
        "EdDSA",
      ]);
    }
  });

  it("META-12: grant_types_supported is explicit, without implicit or password", () => {
    const grants = authorizationServerMetadata(base).grant_types_supported as string[];
    expect(grants).toEqual(expect.arrayContaining(["authorization_code", "refresh_token"]));
    expect(grants).not.toContain("implicit");
    expect(grants).not.toContain("password");
  });

  it("META-13: scopes_supported lists the server's scopes", () => {
    expect(authorizationServerMetadata(base).scopes_supported).toEqual(["mcp:tools", "mcp:admin"]);
  });

  it("META-14: authorization_response_iss_parameter_supported is true (iss is sent in every response)", () => {
    expect(authorizationServerMetadata(base).authorization_response_iss_parameter_supported).toBe(true);
  });

  it.each<[string, MetadataInput]>([
    ["with scopes, DCR off", base],
    ["without scopes", { ...base, scopes: [] }],
    ["without scopes, DCR and CIMD on", { ...base, scopes: [], dcrEnabled: true, cimdEnabled: true }],
  ])("META-15: publishes no empty array (%s)", (_case, input) => {
    const doc = authorizationServerMetadata(input);
    expect(emptyArrays(doc)).toEqual([]);
    if (input.scopes.length === 0) expect(doc).not.toHaveProperty("scopes_supported");
  });

  it("META-01: the document is plain JSON (round-trips unchanged)", () => {
    const doc = authorizationServerMetadata({ ...base, dcrEnabled: true });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});

describe("CORS (META-19)", () => {
  it("withCors adds the CORS headers to a response and keeps its own", async () => {
    const res = withCors(Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } }));
    for (const [k, v] of Object.entries(CORS_HEADERS)) expect(res.headers.get(k)).toBe(v);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ ok: true });
  });

  it("corsPreflight answers 204 with no body, allowing Authorization and Content-Type", async () => {
    const res = corsPreflight();
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect(res.headers.get("access-control-allow-headers")).toMatch(/Content-Type/);
  });

  it("corsPreflight returns a new response each time (handlers may add headers to it)", () => {
    const a = corsPreflight();
    a.headers.set("x-test", "1");
    expect(corsPreflight().headers.has("x-test")).toBe(false);
  });
});
