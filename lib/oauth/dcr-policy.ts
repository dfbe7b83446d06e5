// Dynamic Client Registration policy (RFC 7591 §3 leaves who may register to the server; checklist
// REG-14/REG-16): which redirect URIs a self-registering client may use on one MCP server.
// An allowlist is vetted presets (the callbacks of well-known MCP clients) plus custom entries, each
// an exact redirect URI or an exact host. Matching is exact: never substring, prefix or wildcard.
// Both lists empty = no restriction beyond the registration rules (lib/oauth/redirect-uri.ts).
import { isLoopbackHost } from "./loopback";
import { checkRedirectUri } from "./redirect-uri";

export type DcrRule =
  | { kind: "url"; url: string }
  /** Any https redirect URI on exactly this host (and port, when one is given). */
  | { kind: "host"; host: string }
  /** Any redirect URI with this private-use scheme (e.g. "cursor"). */
  | { kind: "scheme"; scheme: string }
  /** http or https on localhost, 127.0.0.1 or [::1], any port and path (RFC 8252 §7.3). */
  | { kind: "loopback" };

export const DCR_REDIRECT_PRESETS = ["claude", "chatgpt", "vscode", "cursor", "loopback"] as const;
export type DcrRedirectPreset = (typeof DCR_REDIRECT_PRESETS)[number];

export const DCR_PRESETS: Record<DcrRedirectPreset, { label: string; allows: string; rules: readonly DcrRule[] }> = {
  claude: {
    label: "Claude",
    allows: "https://claude.ai/api/mcp/auth_callback and https://claude.com/api/mcp/auth_callback",
    rules: [
      { kind: "url", url: "https://claude.ai/api/mcp/auth_callback" },
      { kind: "url", url: "https://claude.com/api/mcp/auth_callback" },
    ],
  },
  chatgpt: {
    label: "ChatGPT",
    allows: "https://chatgpt.com/connector_platform_oauth_redirect and other https callbacks on chatgpt.com",
    rules: [
      { kind: "url", url: "https://chatgpt.com/connector_platform_oauth_redirect" },
      { kind: "host", host: "chatgpt.com" },
    ],
  },
  vscode: {
    label: "VS Code",
    allows: "https://vscode.dev/redirect and its loopback callback (http://127.0.0.1:<port>/)",
    rules: [{ kind: "url", url: "https://vscode.dev/redirect" }, { kind: "loopback" }],
  },
  cursor: {
    label: "Cursor",
    allows: "cursor:// callbacks",
    rules: [{ kind: "scheme", scheme: "cursor" }],
  },
  loopback: {
    label: "Local tools (loopback)",
    allows: "http://localhost, http://127.0.0.1 and http://[::1] on any port",
    rules: [{ kind: "loopback" }],
  },
};

export function isDcrRedirectPreset(value: unknown): value is DcrRedirectPreset {
  return typeof value === "string" && (DCR_REDIRECT_PRESETS as readonly string[]).includes(value);
}

// A DNS name (labels of letters, digits and inner dashes) with an optional port. No wildcards.
const HOST_ENTRY =
  /^(?=.{1,253}(?::\d{1,5})?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::(\d{1,5}))?$/i;

export type CustomEntryCheck = { ok: true; rule: DcrRule; normalized: string } | { ok: false; reason: string };

/**
 * A custom allowlist entry: an exact redirect URI ("https://app.example.com/oauth/callback") or an
 * exact host ("app.example.com", "app.example.com:8443"). Hosts are case-insensitive, so they are
 * stored lower-cased; URIs are kept byte for byte (they are compared as strings).
 */
export function parseDcrCustomEntry(raw: string): CustomEntryCheck {
  const value = raw.trim();
  if (value === "") return { ok: false, reason: "Enter a redirect URI or a host name." };
  if (value.includes("*"))
    return { ok: false, reason: "Wildcards are not allowed: list each exact redirect URI or host." };
  const host = HOST_ENTRY.exec(value);
  if (host) {
    const port = host[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
      return { ok: false, reason: "The port must be between 1 and 65535." };
    const normalized = value.toLowerCase();
    return { ok: true, rule: { kind: "host", host: normalized }, normalized };
  }
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    return {
      ok: false,
      reason: "Enter an exact redirect URI (https://app.example.com/callback) or an exact host name (app.example.com).",
    };
  }
  const check = checkRedirectUri(value);
  if (!check.ok) return { ok: false, reason: check.reason };
  return { ok: true, rule: { kind: "url", url: value }, normalized: value };
}

export interface DcrRedirectPolicy {
  presets: readonly string[];
  custom: readonly string[];
}

export function isUnrestricted(policy: DcrRedirectPolicy): boolean {
  return policy.presets.length === 0 && policy.custom.length === 0;
}

function rulesOf(policy: DcrRedirectPolicy): DcrRule[] {
  const rules: DcrRule[] = [];
  for (const p of policy.presets) if (isDcrRedirectPreset(p)) rules.push(...DCR_PRESETS[p].rules);
  for (const c of policy.custom) {
    const entry = parseDcrCustomEntry(c);
    if (entry.ok) rules.push(entry.rule);
  }
  return rules;
}

function ruleMatches(rule: DcrRule, uri: string, url: URL): boolean {
  switch (rule.kind) {
    case "url":
      return uri === rule.url;
    case "host":
      // URL.host is lower-cased and omits the scheme's default port, as the entries are stored.
      return url.protocol === "https:" && url.host === rule.host;
    case "scheme":
      return url.protocol === `${rule.scheme}:`;
    case "loopback":
      return (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHost(url.hostname);
  }
}

/** Is this (already valid) redirect URI allowed by the server's DCR allowlist? */
export function isRedirectUriAllowed(policy: DcrRedirectPolicy, uri: string): boolean {
  if (isUnrestricted(policy)) return true;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return rulesOf(policy).some((rule) => ruleMatches(rule, uri, url));
}

/** The first redirect URI the policy refuses, or undefined when every one is allowed. */
export function firstDisallowedRedirectUri(policy: DcrRedirectPolicy, uris: readonly string[]): string | undefined {
  if (isUnrestricted(policy)) return undefined;
  return uris.find((u) => !isRedirectUriAllowed(policy, u));
}

/** "Claude, Cursor and 2 custom entries": what the policy allows, for error descriptions. */
export function describeDcrRedirectPolicy(policy: DcrRedirectPolicy): string {
  const parts = policy.presets.filter(isDcrRedirectPreset).map((p) => DCR_PRESETS[p].label);
  if (policy.custom.length > 0)
    parts.push(policy.custom.length === 1 ? `1 custom entry` : `${policy.custom.length} custom entries`);
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
