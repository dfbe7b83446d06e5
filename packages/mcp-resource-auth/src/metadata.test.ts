import { describe, expect, it } from "vitest";
import { protectedResourceMetadata, protectedResourceMetadataUrl } from "./metadata.ts";

const base = { resource: "https://gh.example.com/mcp/demo", issuer: "https://gh.example.com/oauth/demo", name: "Demo" };

describe("protectedResourceMetadata (RFC 9728 §2)", () => {
  it("PRM-02/PRM-03: resource byte-exact, the issuer as the only authorization server", () => {
    const doc = protectedResourceMetadata({ ...base, scopes: ["mcp:tools"] });
    expect(doc).toEqual({
      resource: "https://gh.example.com/mcp/demo",
      authorization_servers: ["https://gh.example.com/oauth/demo"],
      scopes_supported: ["mcp:tools"],
      bearer_methods_supported: ["header"],
      resource_name: "Demo",
    });
  });

  it("PRM-02: does not re-serialise the resource (no trailing slash added)", () => {
    expect(protectedResourceMetadata({ ...base, resource: "https://mcp.example.com", scopes: [] }).resource).toBe(
      "https://mcp.example.com",
    );
  });

  it("PRM-04: never lists offline_access", () => {
    const doc = protectedResourceMetadata({ ...base, scopes: ["offline_access", "mcp:tools", "mcp:tools"] });
    expect(doc.scopes_supported).toEqual(["mcp:tools"]);
  });

  it("PRM-05: omits zero-element arrays", () => {
    for (const scopes of [[], ["offline_access"]]) {
      const doc = protectedResourceMetadata({ ...base, scopes });
      expect(doc).not.toHaveProperty("scopes_supported");
      expect(Object.values(doc).some((v) => Array.isArray(v) && v.length === 0)).toBe(false);
    }
  });

  it("PRM-05: resource_name is optional", () => {
    expect(protectedResourceMetadata({ resource: base.resource, issuer: base.issuer, scopes: [] })).not.toHaveProperty(
      "resource_name",
    );
  });
});

describe("protectedResourceMetadataUrl (RFC 9728 §3.1)", () => {
  it.each([
    ["https://mcp.example.com/mcp", "https://mcp.example.com/.well-known/oauth-protected-resource/mcp"],
    ["https://mcp.example.com", "https://mcp.example.com/.well-known/oauth-protected-resource"],
    ["https://mcp.example.com/", "https://mcp.example.com/.well-known/oauth-protected-resource"],
    ["http://localhost:3000/mcp/demo", "http://localhost:3000/.well-known/oauth-protected-resource/mcp/demo"],
  ])("PRM-01: %s → %s", (resource, expected) => {
    expect(protectedResourceMetadataUrl(resource)).toBe(expected);
  });
});
