import { describe, expect, it } from "vitest";
import { routeClassifier, UNMATCHED } from "./http";

// The shape Next.js writes to .next/routes-manifest.json (dynamic routes most specific first).
const classify = routeClassifier({
  staticRoutes: [{ page: "/" }, { page: "/api/health" }, { page: "/api/metrics" }, { page: "/api/v1/users" }],
  dynamicRoutes: [
    { page: "/api/v1/users/[id]/consents/revoke", regex: "^/api/v1/users/([^/]+?)/consents/revoke(?:/)?$" },
    { page: "/api/v1/users/[id]/consents/[consentId]", regex: "^/api/v1/users/([^/]+?)/consents/([^/]+?)(?:/)?$" },
    { page: "/oauth/[slug]/authorize", regex: "^/oauth/([^/]+?)/authorize(?:/)?$" },
  ],
});

describe("routeClassifier", () => {
  it("labels the protocol front's endpoints (outside Next.js's manifest) with their pattern", () => {
    expect(classify("/oauth/demo/token")).toBe("/oauth/[slug]/token");
    expect(classify("/oauth/other-server/introspect")).toBe("/oauth/[slug]/introspect");
    expect(classify("/.well-known/oauth-protected-resource/mcp/demo")).toBe(
      "/.well-known/oauth-protected-resource/mcp/[slug]",
    );
    // A trailing slash is Next.js's (a redirect to the path without it), not the endpoint's.
    expect(classify("/oauth/demo/revoke/")).toBe(UNMATCHED);
  });

  it("labels dynamic routes with their pattern, never the values in the path", () => {
    expect(classify("/oauth/demo/authorize")).toBe("/oauth/[slug]/authorize");
    expect(classify("/mcp/demo")).toBe("/mcp/[slug]");
    expect(classify("/api/v1/users/user_1/consents/revoke")).toBe("/api/v1/users/[id]/consents/revoke");
    expect(classify("/api/v1/users/user_1/consents/consent_9")).toBe("/api/v1/users/[id]/consents/[consentId]");
  });

  it("labels static routes as themselves and everything else as one value", () => {
    expect(classify("/api/health")).toBe("/api/health");
    expect(classify("/api/metrics/")).toBe("/api/metrics");
    expect(classify("/")).toBe("/");
    expect(classify("/_next/static/chunks/abc123.js")).toBe("/_next/static");
    expect(classify("/wp-login.php")).toBe(UNMATCHED);
    expect(classify("/oauth/demo/token/extra")).toBe(UNMATCHED);
  });

  it("without a manifest, only the protocol endpoints are told apart", () => {
    const bare = routeClassifier({});
    expect(bare("/oauth/demo/token")).toBe("/oauth/[slug]/token");
    expect(bare("/api/v1/users/user_1")).toBe(UNMATCHED);
  });
});
