// Client ID Metadata Document rules (checklist §4), one test per rule, named after it.
import { describe, expect, it } from "vitest";
import {
  cacheLifetimeSeconds,
  changedDocumentFields,
  checkCimdTrust,
  checkMetadataDocumentUrl,
  CIMD_MAX_CACHE_SECONDS,
  CIMD_MIN_CACHE_SECONDS,
  looksLikeMetadataDocumentUrl,
  parseMetadataDocument,
  sniffLogoType,
  validateMetadataDocument,
} from "./cimd";
import { authorizationServerMetadata } from "./metadata";

const URL_ID = "https://app.example.com/oauth/client.json";
const doc = (extra: Record<string, unknown> = {}) => ({
  client_id: URL_ID,
  client_name: "Example App",
  redirect_uris: ["https://app.example.com/callback"],
  ...extra,
});

function reason(value: unknown): string {
  const v = validateMetadataDocument(URL_ID, value);
  expect(v.ok).toBe(false);
  return v.ok ? "" : v.reason;
}

describe("META-08: client_id_metadata_document_supported", () => {
  it("is the boolean true while CIMD is on, and absent while off", () => {
    expect(
      authorizationServerMetadata({
        issuer: "https://as.test/oauth/x",
        scopes: [],
        dcrEnabled: false,
        cimdEnabled: true,
      }).client_id_metadata_document_supported,
    ).toBe(true);
    expect(
      authorizationServerMetadata({
        issuer: "https://as.test/oauth/x",
        scopes: [],
        dcrEnabled: false,
        cimdEnabled: false,
      }),
    ).not.toHaveProperty("client_id_metadata_document_supported");
  });
});

describe("CIMD-02: which client_ids are metadata-document URLs", () => {
  it("anything starting with https:// is treated as one (so a malformed one gets a precise error)", () => {
    expect(looksLikeMetadataDocumentUrl(URL_ID)).toBe(true);
    expect(looksLikeMetadataDocumentUrl("HTTPS://app.example.com/c.json")).toBe(true);
    expect(looksLikeMetadataDocumentUrl("ghc_abc")).toBe(false);
    expect(looksLikeMetadataDocumentUrl("http://127.0.0.1/c.json")).toBe(false);
    expect(looksLikeMetadataDocumentUrl("http://127.0.0.1/c.json", { allowHttp: true })).toBe(true);
  });

  it("accepts an https URL with a path", () => {
    expect(checkMetadataDocumentUrl(URL_ID)).toMatchObject({ ok: true, host: "app.example.com" });
    expect(checkMetadataDocumentUrl("https://app.example.com:8443/c")).toMatchObject({
      ok: true,
      host: "app.example.com",
    });
  });

  it.each([
    ["https://app.example.com", "path"],
    ["https://app.example.com/", "path"],
    ["http://app.example.com/c.json", "https"],
    ["https://u:p@app.example.com/c.json", "user name or password"],
    ["https://u@app.example.com/c.json", "user name or password"],
    ["https://app.example.com/c.json#frag", "fragment"],
    ["https://app.example.com/c.json?v=1", "query"],
    ["https://app.example.com/a/../c.json", '".."'],
    ["https://app.example.com/a/./c.json", '"."'],
    ["https://app.example.com/a/%2e%2e/c.json", '".."'],
    ["https://app.example.com/a/%2E/c.json", '"."'],
    ["https://app.example.com\\..\\c.json", "backslash"],
    ["https://app.example.com/c .json", "whitespace"],
    ["https://", "valid URL"],
  ])("refuses %s (%s)", (id, words) => {
    const check = checkMetadataDocumentUrl(id);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(words);
  });

  it("accepts http only with the local-testing flag", () => {
    expect(checkMetadataDocumentUrl("http://127.0.0.1:8080/c.json", { allowHttp: true }).ok).toBe(true);
  });
});

describe("CIMD-06: valid JSON whose client_id equals the URL by simple string comparison", () => {
  it("refuses a body that is not JSON, or not an object", () => {
    expect(parseMetadataDocument("<html>")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("not valid JSON"),
    });
    expect(reason([doc()])).toContain("JSON object");
    expect(reason("x")).toContain("JSON object");
  });

  it.each([
    `${URL_ID}/`,
    "https://APP.example.com/oauth/client.json",
    "https://app.example.com:443/oauth/client.json",
    "https://app.example.com/oauth/./client.json",
  ])("refuses client_id %s: no normalisation", (other) => {
    expect(reason(doc({ client_id: other }))).toContain("must be exactly the URL");
  });

  it("refuses a document without client_id", () => {
    expect(reason({ client_name: "x", redirect_uris: ["https://a.example/cb"] })).toContain("no client_id");
  });
});

describe("CIMD-07: client_name and a non-empty redirect_uris of acceptable URIs", () => {
  it("accepts a minimal document", () => {
    const v = validateMetadataDocument(
      URL_ID,
      doc({ logo_uri: "https://app.example.com/logo.png", client_uri: "https://app.example.com" }),
    );
    expect(v).toMatchObject({
      ok: true,
      document: {
        clientId: URL_ID,
        clientName: "Example App",
        redirectUris: ["https://app.example.com/callback"],
        logoUri: "https://app.example.com/logo.png",
      },
    });
  });

  it("refuses a missing or blank client_name", () => {
    expect(reason(doc({ client_name: undefined }))).toContain("client_name");
    expect(reason(doc({ client_name: "  " }))).toContain("client_name");
    expect(reason(doc({ client_name: "x".repeat(101) }))).toContain("100 characters");
  });

  it("refuses missing, empty or bad redirect_uris", () => {
    expect(reason(doc({ redirect_uris: undefined }))).toContain("redirect_uris");
    expect(reason(doc({ redirect_uris: [] }))).toContain("at least one redirect URI");
    expect(reason(doc({ redirect_uris: "https://app.example.com/cb" }))).toContain("redirect_uris");
    expect(reason(doc({ redirect_uris: [42] }))).toContain("redirect_uris[0] must be a string");
    expect(reason(doc({ redirect_uris: ["http://app.example.com/cb"] }))).toContain("Use https");
    expect(reason(doc({ redirect_uris: ["https://app.example.com/*"] }))).toContain("Wildcards");
    expect(reason(doc({ redirect_uris: ["javascript:alert(1)"] }))).toContain("not allowed");
  });

  it("accepts loopback redirect URIs (native MCP clients)", () => {
    expect(validateMetadataDocument(URL_ID, doc({ redirect_uris: ["http://127.0.0.1:3000/callback"] })).ok).toBe(true);
  });

  it("ignores a logo_uri that is not an https URL (the logo is simply not shown)", () => {
    const v = validateMetadataDocument(URL_ID, doc({ logo_uri: "javascript:alert(1)" }));
    expect(v).toMatchObject({ ok: true, document: { logoUri: null } });
  });
});

describe("CIMD-08: no shared secret", () => {
  it.each(["client_secret_basic", "client_secret_post", "client_secret_jwt"])(
    "refuses token_endpoint_auth_method %s",
    (method) => {
      expect(reason(doc({ token_endpoint_auth_method: method }))).toContain("shared secret");
    },
  );

  it("refuses client_secret and client_secret_expires_at", () => {
    expect(reason(doc({ client_secret: "s3cret" }))).toContain("client_secret");
    expect(reason(doc({ client_secret_expires_at: 0 }))).toContain("client_secret");
  });

  it("accepts none, or no method at all", () => {
    expect(validateMetadataDocument(URL_ID, doc({ token_endpoint_auth_method: "none" })).ok).toBe(true);
    expect(validateMetadataDocument(URL_ID, doc()).ok).toBe(true);
  });
});

describe("CIMD-10 / PKJWT: private_key_jwt with the document's keys", () => {
  it("makes a key-based client from jwks_uri, never a silently public one", () => {
    const v = validateMetadataDocument(
      URL_ID,
      doc({ token_endpoint_auth_method: "private_key_jwt", jwks_uri: "https://app.example.com/jwks" }),
    );
    expect(v.ok && v.document).toMatchObject({
      tokenEndpointAuthMethod: "private_key_jwt",
      jwksUri: "https://app.example.com/jwks",
      jwks: null,
    });
  });

  it.each([
    ["no keys", {}],
    ["both jwks and jwks_uri", { jwks: { keys: [] }, jwks_uri: "https://app.example.com/jwks" }],
    ["a private key", { jwks: { keys: [{ kty: "EC", crv: "P-256", x: "a", y: "b", d: "c" }] } }],
    ["a symmetric key", { jwks: { keys: [{ kty: "oct", k: "c2VjcmV0" }] } }],
    ["an http jwks_uri", { jwks_uri: "http://app.example.com/jwks" }],
  ])("refuses private_key_jwt with %s", (_c, keys) => {
    expect(validateMetadataDocument(URL_ID, doc({ token_endpoint_auth_method: "private_key_jwt", ...keys })).ok).toBe(
      false,
    );
  });
});

describe("grant and response types of a public metadata-document client", () => {
  it("allows authorization_code with refresh_token, and only those", () => {
    expect(
      validateMetadataDocument(
        URL_ID,
        doc({ grant_types: ["authorization_code", "refresh_token"], response_types: ["code"] }),
      ).ok,
    ).toBe(true);
    expect(reason(doc({ grant_types: ["client_credentials"] }))).toContain("client_credentials");
    expect(reason(doc({ grant_types: ["refresh_token"] }))).toContain("must include authorization_code");
    expect(reason(doc({ grant_types: ["authorization_code", "implicit"] }))).toContain("implicit");
    expect(reason(doc({ response_types: ["token"] }))).toContain("response_types");
  });
});

describe("CIMD-16: cache lifetime from Cache-Control, clamped to 5 minutes … 24 hours", () => {
  it.each([
    [undefined, CIMD_MIN_CACHE_SECONDS],
    ["", CIMD_MIN_CACHE_SECONDS],
    ["max-age=3600", 3600],
    ["public, max-age=7200", 7200],
    ["max-age=10", CIMD_MIN_CACHE_SECONDS],
    ["max-age=0", CIMD_MIN_CACHE_SECONDS],
    ["max-age=31536000", CIMD_MAX_CACHE_SECONDS],
    ["no-store", CIMD_MIN_CACHE_SECONDS],
    ["no-cache, max-age=3600", CIMD_MIN_CACHE_SECONDS],
    ["max-age=junk", CIMD_MIN_CACHE_SECONDS],
    ['max-age="600"', 600],
  ])("Cache-Control %s → %i s", (header, seconds) => {
    expect(cacheLifetimeSeconds(header)).toBe(seconds);
  });
});

describe("CIMD-19: host trust policy, exact hosts only", () => {
  it("ANY accepts every host", () => {
    expect(checkCimdTrust("app.example.com", "ANY", []).ok).toBe(true);
  });

  it("ALLOWLIST accepts only listed hosts, never suffixes or substrings", () => {
    const list = ["app.example.com"];
    expect(checkCimdTrust("app.example.com", "ALLOWLIST", list).ok).toBe(true);
    expect(checkCimdTrust("APP.example.com", "ALLOWLIST", list).ok).toBe(true);
    expect(checkCimdTrust("evil.app.example.com", "ALLOWLIST", list)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("not on this MCP server's list"),
    });
    expect(checkCimdTrust("app.example.com.evil.test", "ALLOWLIST", list).ok).toBe(false);
    expect(checkCimdTrust("example.com", "ALLOWLIST", list).ok).toBe(false);
    expect(checkCimdTrust("app.example.com", "ALLOWLIST", []).ok).toBe(false);
  });

  it("DENYLIST refuses listed hosts only", () => {
    expect(checkCimdTrust("bad.example", "DENYLIST", ["bad.example"])).toMatchObject({
      ok: false,
      reason: expect.stringContaining("blocked"),
    });
    expect(checkCimdTrust("sub.bad.example", "DENYLIST", ["bad.example"]).ok).toBe(true);
  });
});

describe("CIMD-20: which document changes are tracked", () => {
  it("reports changed redirect URIs and keys, not unrelated members or key order", () => {
    const before = doc({ jwks: { keys: [{ kty: "EC", x: "1" }] }, tos_uri: "https://a.example/tos" });
    expect(changedDocumentFields(before, { ...before })).toEqual([]);
    expect(changedDocumentFields(before, { ...before, tos_uri: "https://a.example/tos2" })).toEqual([]);
    expect(changedDocumentFields(before, { ...before, redirect_uris: ["https://app.example.com/other"] })).toEqual([
      "redirect_uris",
    ]);
    expect(
      changedDocumentFields(before, {
        ...before,
        jwks: { keys: [{ kty: "EC", x: "2" }] },
        jwks_uri: "https://a.example/jwks",
      }),
    ).toEqual(["jwks", "jwks_uri"]);
  });
});

describe("logo type sniffing", () => {
  it("recognises PNG, JPEG, GIF and WebP, and nothing else", () => {
    expect(sniffLogoType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffLogoType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffLogoType(new TextEncoder().encode("GIF89a"))).toBe("image/gif");
    expect(sniffLogoType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(sniffLogoType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffLogoType(new Uint8Array())).toBeNull();
  });
});
