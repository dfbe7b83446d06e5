import { describe, expect, it } from "vitest";
import { allRedirectsAreLoopback, checkRedirectUri, checkRedirectUris, matchRedirectUri } from "./redirect-uri";

// One case per rule: RFC 7591 §2, RFC 9700 §2.6, OAuth 2.1 §2.3.1, RFC 8252 §7 (checklist REG-08).
describe("checkRedirectUri (registration rules)", () => {
  it.each([
    ["https web app", "https://app.example.com/callback"],
    ["https with port, path and query", "https://app.example.com:8443/oauth/cb?tenant=1"],
    ["http on 127.0.0.1 (loopback)", "http://127.0.0.1:33418/callback"],
    ["http on [::1] (loopback)", "http://[::1]/callback"],
    ["http on localhost (loopback)", "http://localhost:6274/oauth/callback"],
    ["private-use reverse-domain scheme", "com.example.app:/callback"],
    ["private-use scheme with authority", "com.example.app://callback"],
    ["well-known native scheme cursor://", "cursor://anysphere.cursor-retrieval/oauth/callback"],
    ["well-known native scheme vscode://", "vscode://vscode.github-authentication/did-authenticate"],
  ])("accepts %s", (_rule, uri) => {
    expect(checkRedirectUri(uri)).toEqual({ ok: true });
  });

  it.each([
    ["http to a non-loopback host", "http://evil.example/cb", "Use https"],
    ["a fragment", "https://a.example/cb#x", "fragment"],
    ["a wildcard host", "https://*.example.com/cb", "Wildcards"],
    ["a wildcard path", "https://app.example.com/*", "Wildcards"],
    ["a relative URI", "/callback", "absolute URI"],
    ["javascript:", "javascript:alert(1)", "javascript: scheme"],
    ["javascript:// (REG-08 example)", "javascript://x", "javascript: scheme"],
    ["data:", "data:text/html,hi", "data: scheme"],
    ["file:", "file:///etc/passwd", "file: scheme"],
    ["a private-use scheme without a dot", "myapp:/callback", "reverse domain"],
    ["user info in the URI", "https://user:pw@app.example.com/cb", "user name or password"],
    ["surrounding spaces", " https://app.example.com/cb", "without spaces"],
    ["an empty string", "", "without spaces"],
    ["http on a look-alike of localhost", "http://localhost.evil.example/cb", "Use https"],
  ])("refuses %s", (_rule, uri, reason) => {
    const r = checkRedirectUri(uri);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.reason).toContain(reason);
  });

  it("refuses duplicates and reports each bad row by its index", () => {
    const errors = checkRedirectUris(["https://a.example/cb", "http://evil.example/cb", "https://a.example/cb"]);
    expect([...errors.keys()]).toEqual([1, 2]);
    expect(errors.get(2)).toBe("This URI is listed twice.");
  });
});

// Checklist AUTHZ-03 (exact string match) and AUTHZ-04 (loopback: any port).
describe("matchRedirectUri", () => {
  const registered = ["https://app.test/cb"];
  it("matches the exact registered string", () =>
    expect(matchRedirectUri(registered, "https://app.test/cb")).toBe(true));
  it.each([
    "https://app.test/cb/",
    "https://app.test/cb?x=1",
    "https://APP.test/cb",
    "https://app.test/cb/../cb2",
    "https://app.test/c",
  ])("refuses the near miss %s", (uri) => expect(matchRedirectUri(registered, uri)).toBe(false));

  it("lets a loopback redirect use any port, but nothing else may differ", () => {
    const loop = ["http://127.0.0.1/callback"];
    expect(matchRedirectUri(loop, "http://127.0.0.1:51004/callback")).toBe(true);
    expect(matchRedirectUri(loop, "http://127.0.0.1:51004/other")).toBe(false);
    expect(matchRedirectUri(loop, "http://localhost:51004/callback")).toBe(false);
    expect(matchRedirectUri(["http://localhost:3000/cb"], "http://localhost:9999/cb")).toBe(true);
    expect(matchRedirectUri(["http://[::1]:1/cb"], "http://[::1]:2/cb")).toBe(true);
    expect(matchRedirectUri(["https://127.0.0.1/cb"], "https://127.0.0.1:8443/cb")).toBe(false);
  });

  it("knows when every redirect is on this machine", () => {
    expect(allRedirectsAreLoopback(["http://127.0.0.1/cb", "http://localhost:1/x"])).toBe(true);
    expect(allRedirectsAreLoopback(["http://127.0.0.1/cb", "https://app.test/cb"])).toBe(false);
    expect(allRedirectsAreLoopback([])).toBe(false);
  });
});
