import { describe, expect, it } from "vitest";
import { parseBearerChallenge } from "@gatehouse/mcp-resource-auth/bearer";
import {
  authorizationServerMetadataUrl,
  insufficientScopeChallenge,
  introspectionCurl,
  joseVerifySnippet,
  metadataJson,
  metadataUrlOf,
  unauthorizedChallenge,
  type ConnectTarget,
} from "./connect-snippets";

const target: ConnectTarget = {
  slug: "files",
  name: "Files",
  issuer: "https://gh.example.com/oauth/files",
  resourceUrl: "https://mcp.example.com/mcp",
  scopes: ["files:read", "offline_access", "files:write"],
};

describe("connect snippets", () => {
  it("names the AS metadata (RFC 8414 path insertion) and where the MCP server publishes its PRM (RFC 9728 §3.1)", () => {
    expect(authorizationServerMetadataUrl(target)).toBe(
      "https://gh.example.com/.well-known/oauth-authorization-server/oauth/files",
    );
    expect(metadataUrlOf(target)).toBe("https://mcp.example.com/.well-known/oauth-protected-resource/mcp");
  });

  it("PRM-02..04: the metadata names the resource and issuer exactly, without offline_access", () => {
    expect(JSON.parse(metadataJson(target))).toEqual({
      resource: "https://mcp.example.com/mcp",
      authorization_servers: ["https://gh.example.com/oauth/files"],
      scopes_supported: ["files:read", "files:write"],
      bearer_methods_supported: ["header"],
      resource_name: "Files",
    });
  });

  it("RS-01/RS-05/RS-12: the challenges parse and point at the metadata", () => {
    const unauthorized = parseBearerChallenge(unauthorizedChallenge(target).replace(/^WWW-Authenticate: /, ""));
    expect(unauthorized).toEqual({ scope: "files:read files:write", resource_metadata: metadataUrlOf(target) });
    const forbidden = parseBearerChallenge(insufficientScopeChallenge(target).replace(/^WWW-Authenticate: /, ""));
    expect(forbidden).toMatchObject({ error: "insufficient_scope", resource_metadata: metadataUrlOf(target) });
  });

  it("verification snippets use this issuer, audience and algorithm, and no secret", () => {
    const code = joseVerifySnippet(target);
    expect(code).toContain('new URL("https://gh.example.com/oauth/files/jwks")');
    expect(code).toContain('audience: "https://mcp.example.com/mcp"');
    expect(code).toContain('typ: "at+jwt"');
    expect(code).toContain('algorithms: ["ES256"]');
    expect(introspectionCurl(target)).toBe(
      'curl -u "$CLIENT_ID:$CLIENT_SECRET" -d token="$ACCESS_TOKEN" https://gh.example.com/oauth/files/introspect',
    );
  });
});
