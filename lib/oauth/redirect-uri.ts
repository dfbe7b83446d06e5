// Redirect URI rules.
// Registration (RFC 7591 §2, RFC 9700 §2.6, OAuth 2.1 §2.3.1, RFC 8252 §7): absolute URIs; https,
// or http only on a loopback host; private-use schemes must look like reverse domain names
// (com.example.app:/cb) unless they are well-known native app schemes; never a fragment, a
// wildcard, or a javascript:, data:, file: (…) URI.
// Matching at authorization time (OAuth 2.1 §4.1.1, RFC 9700 §4.1.3): exact string comparison,
// except that a loopback http redirect may use any port (RFC 8252 §7.3).
import { isLoopbackHost } from "./loopback";

/** Native MCP clients whose custom schemes predate the reverse-domain rule. */
export const WELL_KNOWN_NATIVE_SCHEMES = ["cursor", "vscode", "vscode-insiders", "windsurf"] as const;

const FORBIDDEN_SCHEMES = new Set(["javascript", "data", "file", "vbscript", "blob", "about", "filesystem"]);
const MAX_LENGTH = 2000;

export type RedirectUriCheck = { ok: true } | { ok: false; reason: string };

export function checkRedirectUri(value: string): RedirectUriCheck {
  if (value.trim() !== value || value === "") return { ok: false, reason: "Enter the URI without spaces." };
  if (value.length > MAX_LENGTH) return { ok: false, reason: `Use at most ${MAX_LENGTH} characters.` };
  if (value.includes("*")) return { ok: false, reason: "Wildcards are not allowed: register each exact URI." };
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
  if (!scheme) return { ok: false, reason: "Enter an absolute URI, e.g. https://app.example.com/callback." };
  if (FORBIDDEN_SCHEMES.has(scheme)) return { ok: false, reason: `The ${scheme}: scheme is not allowed.` };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: "This is not a valid URI." };
  }
  if (value.includes("#")) return { ok: false, reason: "A redirect URI must not contain a fragment (#)." };
  if (url.username || url.password)
    return { ok: false, reason: "A redirect URI must not contain a user name or password." };
  if (scheme === "https") {
    if (!url.hostname) return { ok: false, reason: "An https redirect URI needs a host." };
    return { ok: true };
  }
  if (scheme === "http") {
    return isLoopbackHost(url.hostname)
      ? { ok: true }
      : { ok: false, reason: "Use https. Plain http is allowed only for localhost, 127.0.0.1 and [::1]." };
  }
  if (scheme.includes(".") || (WELL_KNOWN_NATIVE_SCHEMES as readonly string[]).includes(scheme)) return { ok: true };
  return {
    ok: false,
    reason: "A custom scheme must be a reverse domain name you control, e.g. com.example.app:/callback.",
  };
}

/** Errors per row (by index), including duplicates; empty when every URI is acceptable. */
export function checkRedirectUris(values: readonly string[]): Map<number, string> {
  const errors = new Map<number, string>();
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const check = checkRedirectUri(v);
    if (!check.ok) errors.set(i, check.reason);
    else if (seen.has(v)) errors.set(i, "This URI is listed twice.");
    seen.add(v);
  });
  return errors;
}

function loopbackParts(uri: string): { scheme: string; host: string; rest: string } | undefined {
  const m = /^(http):\/\/(localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?(\/[^#]*)?$/.exec(uri);
  if (!m) return undefined;
  return { scheme: m[1] ?? "", host: m[2] ?? "", rest: m[3] ?? "" };
}

/**
 * Is `requested` one of `registered`? Exact string match; for http loopback URIs the port may
 * differ (native apps bind an ephemeral port), but scheme, host spelling, path and query may not.
 */
export function matchRedirectUri(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  const req = loopbackParts(requested);
  if (!req) return false;
  return registered.some((r) => {
    const reg = loopbackParts(r);
    return reg !== undefined && reg.scheme === req.scheme && reg.host === req.host && reg.rest === req.rest;
  });
}

/** True when every redirect URI points at this machine (the consent screen warns about it). */
export function allRedirectsAreLoopback(uris: readonly string[]): boolean {
  return uris.length > 0 && uris.every((u) => loopbackParts(u) !== undefined);
}
