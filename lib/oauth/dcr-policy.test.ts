import { describe, expect, it } from "vitest";
import {
  describeDcrRedirectPolicy,
  firstDisallowedRedirectUri,
  isRedirectUriAllowed,
  parseDcrCustomEntry,
  type DcrRedirectPolicy,
} from "./dcr-policy";

// The DCR redirect URI allowlist (checklist REG-08/REG-14, issue 5): presets and custom entries,
// matched exactly — never by substring, prefix or wildcard.
const policy = (presets: string[], custom: string[] = []): DcrRedirectPolicy => ({ presets, custom });

describe("isRedirectUriAllowed", () => {
  it.each([
    // [policy, uri, allowed]
    ["no restriction", policy([]), "http://127.0.0.1:1234/cb", true],
    ["no restriction", policy([]), "https://anything.example/cb", true],

    ["claude", policy(["claude"]), "https://claude.ai/api/mcp/auth_callback", true],
    ["claude", policy(["claude"]), "https://claude.com/api/mcp/auth_callback", true],
    ["claude: trailing slash", policy(["claude"]), "https://claude.ai/api/mcp/auth_callback/", false],
    ["claude: extra query", policy(["claude"]), "https://claude.ai/api/mcp/auth_callback?x=1", false],
    ["claude: longer path", policy(["claude"]), "https://claude.ai/api/mcp/auth_callback2", false],
    ["claude: subdomain", policy(["claude"]), "https://evil.claude.ai/api/mcp/auth_callback", false],
    ["claude: suffix host", policy(["claude"]), "https://claude.ai.evil.example/api/mcp/auth_callback", false],
    ["claude: other host", policy(["claude"]), "https://chatgpt.com/connector_platform_oauth_redirect", false],

    ["chatgpt", policy(["chatgpt"]), "https://chatgpt.com/connector_platform_oauth_redirect", true],
    ["chatgpt: host", policy(["chatgpt"]), "https://chatgpt.com/aip/g-123/oauth/callback", true],
    ["chatgpt: look-alike host", policy(["chatgpt"]), "https://evil-chatgpt.com/cb", false],
    ["chatgpt: suffix host", policy(["chatgpt"]), "https://chatgpt.com.evil.example/cb", false],
    ["chatgpt: subdomain", policy(["chatgpt"]), "https://sub.chatgpt.com/cb", false],
    ["chatgpt: other port", policy(["chatgpt"]), "https://chatgpt.com:8443/cb", false],

    ["vscode", policy(["vscode"]), "https://vscode.dev/redirect", true],
    ["vscode: loopback callback", policy(["vscode"]), "http://127.0.0.1:33418/", true],
    ["vscode: loopback, any port", policy(["vscode"]), "http://127.0.0.1:50123/", true],
    ["vscode: localhost", policy(["vscode"]), "http://localhost:33418/", true],
    ["vscode: longer path", policy(["vscode"]), "https://vscode.dev/redirect/x", false],
    ["vscode: other host", policy(["vscode"]), "https://insiders.vscode.dev/redirect", false],

    ["cursor", policy(["cursor"]), "cursor://anysphere.cursor-retrieval/oauth/user-abc123/callback", true],
    ["cursor: another scheme", policy(["cursor"]), "vscode://vscode.github-authentication/did-authenticate", false],
    ["cursor: look-alike scheme", policy(["cursor"]), "cursor.evil.app://callback", false],
    ["cursor: https", policy(["cursor"]), "https://cursor.com/callback", false],
    ["cursor: no loopback", policy(["cursor"]), "http://127.0.0.1:3000/cb", false],

    ["loopback: 127.0.0.1", policy(["loopback"]), "http://127.0.0.1:6274/oauth/callback", true],
    ["loopback: [::1]", policy(["loopback"]), "http://[::1]:8080/cb", true],
    ["loopback: localhost", policy(["loopback"]), "http://localhost/cb", true],
    ["loopback: look-alike", policy(["loopback"]), "https://localhost.evil.example/cb", false],
    ["loopback: other host", policy(["loopback"]), "https://app.example.com/cb", false],

    ["custom URL", policy([], ["https://app.example.com/cb"]), "https://app.example.com/cb", true],
    ["custom URL: longer path", policy([], ["https://app.example.com/cb"]), "https://app.example.com/cb2", false],
    ["custom URL: extra query", policy([], ["https://app.example.com/cb"]), "https://app.example.com/cb?x=1", false],
    ["custom URL: other case", policy([], ["https://app.example.com/cb"]), "https://APP.example.com/cb", false],
    ["custom URL: prefix", policy([], ["https://app.example.com/cb"]), "https://app.example.com/c", false],
    ["custom URL: exact loopback port", policy([], ["http://127.0.0.1:3000/cb"]), "http://127.0.0.1:3001/cb", false],

    ["custom host", policy([], ["app.example.com"]), "https://app.example.com/any/path?x=1", true],
    ["custom host: hosts are case-insensitive", policy([], ["app.example.com"]), "https://APP.example.com/cb", true],
    ["custom host: suffix", policy([], ["app.example.com"]), "https://app.example.com.evil.test/cb", false],
    ["custom host: prefix", policy([], ["app.example.com"]), "https://evilapp.example.com/cb", false],
    ["custom host: subdomain", policy([], ["app.example.com"]), "https://x.app.example.com/cb", false],
    ["custom host: other port", policy([], ["app.example.com"]), "https://app.example.com:8443/cb", false],
    ["custom host with port", policy([], ["app.example.com:8443"]), "https://app.example.com:8443/cb", true],
    ["custom host with port: default port", policy([], ["app.example.com:8443"]), "https://app.example.com/cb", false],
    [
      "custom host: a parent domain is not a wildcard",
      policy([], ["example.com"]),
      "https://app.example.com/cb",
      false,
    ],

    ["presets and custom together", policy(["claude"], ["app.example.com"]), "https://app.example.com/cb", true],
    [
      "presets and custom together",
      policy(["claude"], ["app.example.com"]),
      "https://claude.ai/api/mcp/auth_callback",
      true,
    ],
    ["presets and custom together", policy(["claude"], ["app.example.com"]), "http://127.0.0.1:3000/cb", false],
    ["an unknown preset allows nothing", policy(["nope"]), "https://claude.ai/api/mcp/auth_callback", false],
  ])("%s: %s", (_case, p, uri, allowed) => {
    expect(isRedirectUriAllowed(p, uri)).toBe(allowed);
  });

  it("firstDisallowedRedirectUri names the first refused URI", () => {
    const p = policy(["claude"]);
    expect(
      firstDisallowedRedirectUri(p, [
        "https://claude.ai/api/mcp/auth_callback",
        "https://evil.example/cb",
        "https://b.example/cb",
      ]),
    ).toBe("https://evil.example/cb");
    expect(firstDisallowedRedirectUri(p, ["https://claude.com/api/mcp/auth_callback"])).toBeUndefined();
    expect(firstDisallowedRedirectUri(policy([]), ["https://evil.example/cb"])).toBeUndefined();
  });
});

describe("parseDcrCustomEntry", () => {
  it.each([
    ["app.example.com", { kind: "host", host: "app.example.com" }],
    ["App.Example.COM", { kind: "host", host: "app.example.com" }],
    ["app.example.com:8443", { kind: "host", host: "app.example.com:8443" }],
    ["localhost", { kind: "host", host: "localhost" }],
    ["https://app.example.com/oauth/callback", { kind: "url", url: "https://app.example.com/oauth/callback" }],
    ["  https://app.example.com/cb  ", { kind: "url", url: "https://app.example.com/cb" }],
    ["http://127.0.0.1:3000/cb", { kind: "url", url: "http://127.0.0.1:3000/cb" }],
    ["com.example.app:/callback", { kind: "url", url: "com.example.app:/callback" }],
  ])("accepts %s", (entry, rule) => {
    const r = parseDcrCustomEntry(entry);
    expect(r).toMatchObject({ ok: true, rule });
  });

  it.each([
    ["", "Enter a redirect URI or a host name."],
    ["*.example.com", "Wildcards"],
    ["https://*.example.com/cb", "Wildcards"],
    ["app.example.com/callback", "exact redirect URI"],
    ["http://app.example.com/cb", "Use https"],
    ["https://app.example.com/cb#x", "fragment"],
    ["javascript:alert(1)", "javascript: scheme"],
    ["app.example.com:99999", "port"],
    ["-bad-.example.com", "exact redirect URI"],
    ["exa mple.com", "exact redirect URI"],
  ])("refuses %j", (entry, reason) => {
    const r = parseDcrCustomEntry(entry);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.reason).toContain(reason);
  });
});

describe("describeDcrRedirectPolicy", () => {
  it.each([
    [policy(["claude"]), "Claude"],
    [policy(["claude", "cursor"]), "Claude and Cursor"],
    [policy(["claude", "chatgpt"], ["a.example", "b.example"]), "Claude, ChatGPT and 2 custom entries"],
    [policy([], ["a.example"]), "1 custom entry"],
  ])("%j → %s", (p, text) => expect(describeDcrRedirectPolicy(p)).toBe(text));
});
