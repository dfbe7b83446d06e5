// Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document-01; checklist §4):
// which client_ids are document URLs (§3, CIMD-02), what a fetched document must contain (§4.1,
// CIMD-06…CIMD-10; MCP client-registration "Implementation Requirements"), how long it is cached
// (§4.4, CIMD-16), the per-server host trust policy (§6.8, CIMD-19), and which changes matter
// (§6.3, CIMD-20). Pure functions: the fetch lives in lib/net and lib/services/cimd.
import type { JWK } from "jose";
import { checkClientKeys } from "./client-jwks";
import { checkRedirectUri } from "./redirect-uri";

/** CIMD-01 §6.6: documents are small; 5 KB is the recommended cap (CIMD-13). */
export const CIMD_MAX_DOCUMENT_BYTES = 5 * 1024;
/** No spec sets a number; the fetch is on the user's /authorize path (CIMD-14). */
export const CIMD_FETCH_TIMEOUT_MS = 5_000;
/** §4.4 lets the AS clamp lifetimes: at least 5 minutes (spares the client's host), at most a day. */
export const CIMD_MIN_CACHE_SECONDS = 5 * 60;
export const CIMD_MAX_CACHE_SECONDS = 24 * 60 * 60;
export const CIMD_LOGO_MAX_BYTES = 100 * 1024;
export const CIMD_LOGO_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export type CimdLogoType = (typeof CIMD_LOGO_TYPES)[number];

export interface CimdUrlOptions {
  /** Local testing only (GATEHOUSE_CIMD_ALLOW_HTTP): http URLs count too. */
  allowHttp?: boolean;
}

/**
 * Does this client_id claim to be a metadata-document URL? Anything that starts like an https
 * URL does (Gatehouse's own ids start with "ghc_", REG-12), so a malformed one gets a precise
 * error from checkMetadataDocumentUrl instead of "unknown client".
 */
export function looksLikeMetadataDocumentUrl(clientId: string, opts: CimdUrlOptions = {}): boolean {
  const lower = clientId.slice(0, 8).toLowerCase();
  return lower.startsWith("https://") || (opts.allowHttp === true && lower.startsWith("http://"));
}

export type CimdUrlCheck = { ok: true; url: URL; host: string } | { ok: false; reason: string };

/**
 * CIMD-01 §3 (CIMD-02): https, a path, no fragment, no user info, no "." or ".." segments; a query
 * is allowed by the draft but discouraged, and refused here. Checked on the string as sent, since
 * the URL parser would silently resolve dot segments.
 */
export function checkMetadataDocumentUrl(clientId: string, opts: CimdUrlOptions = {}): CimdUrlCheck {
  if (clientId.length > 2000) return { ok: false, reason: "The client_id URL is longer than 2,000 characters." };
  if (/\s/.test(clientId)) return { ok: false, reason: "The client_id URL contains whitespace." };
  if (clientId.includes("\\")) return { ok: false, reason: "The client_id URL contains a backslash." };
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    return { ok: false, reason: "The client_id is not a valid URL." };
  }
  const httpAllowed = opts.allowHttp === true && url.protocol === "http:";
  if (url.protocol !== "https:" && !httpAllowed)
    return { ok: false, reason: "A metadata-document client_id must be an https URL." };
  if (clientId.includes("#"))
    return { ok: false, reason: "A metadata-document client_id must not contain a fragment (#)." };
  if (url.username || url.password || /^[a-z]+:\/\/[^/]*@/i.test(clientId))
    return { ok: false, reason: "A metadata-document client_id must not contain a user name or password." };
  if (clientId.includes("?"))
    return {
      ok: false,
      reason:
        "A metadata-document client_id must not contain a query (?): Gatehouse refuses them, as the draft advises.",
    };
  const path = clientId.replace(/^[a-z]+:\/\/[^/]*/i, "");
  if (path === "" || path === "/")
    return {
      ok: false,
      reason: "A metadata-document client_id must have a path, e.g. https://app.example.com/oauth/client.json.",
    };
  const segments = path.split("/").map((s) => s.toLowerCase().replace(/%2e/g, "."));
  if (segments.some((s) => s === "." || s === ".."))
    return { ok: false, reason: 'A metadata-document client_id must not contain "." or ".." path segments.' };
  return { ok: true, url, host: url.hostname };
}

export type CimdTrustMode = "ANY" | "ALLOWLIST" | "DENYLIST";

/** Host names as admins enter them: trimmed, lower-case, no trailing dot; exact matches only. */
export function normaliseTrustHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, "");
}

/** CIMD-19: exact host names, never suffixes or substrings. Checked before anything is fetched. */
export function checkCimdTrust(
  host: string,
  mode: CimdTrustMode,
  hosts: readonly string[],
): { ok: true } | { ok: false; reason: string } {
  const h = normaliseTrustHost(host);
  const listed = hosts.some((x) => normaliseTrustHost(x) === h);
  if (mode === "ALLOWLIST" && !listed)
    return {
      ok: false,
      reason: `${h} is not on this MCP server's list of trusted metadata-document hosts. An administrator can add it in the server's settings.`,
    };
  if (mode === "DENYLIST" && listed)
    return { ok: false, reason: `${h} is blocked by this MCP server's metadata-document host policy.` };
  return { ok: true };
}

/** The document as Gatehouse uses it; `raw` is kept (it never contains a secret: those are refused). */
export interface MetadataDocument {
  clientId: string;
  clientName: string;
  redirectUris: string[];
  logoUri: string | null;
  clientUri: string | null;
  /** "none" (public, PKCE) or "private_key_jwt" with the document's jwks or jwks_uri. */
  tokenEndpointAuthMethod: "none" | "private_key_jwt";
  jwks: { keys: JWK[] } | null;
  jwksUri: string | null;
  raw: Record<string, unknown>;
}

export type DocumentValidation = { ok: true; document: MetadataDocument } | { ok: false; reason: string };

const SHARED_SECRET_METHODS = new Set(["client_secret_basic", "client_secret_post", "client_secret_jwt"]);
const ALLOWED_GRANT_TYPES = new Set(["authorization_code", "refresh_token"]);

function optionalHttpsUrl(value: unknown, opts: CimdUrlOptions): string | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    const ok = url.protocol === "https:" || (opts.allowHttp === true && url.protocol === "http:");
    return ok && !url.username && !url.password ? value : null;
  } catch {
    return null;
  }
}

/** Parses the body: JSON, and an object. */
export function parseMetadataDocument(body: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (err) {
    return {
      ok: false,
      reason: `The metadata document is not valid JSON (${err instanceof Error ? err.message : "parse error"}).`,
    };
  }
}

/**
 * CIMD-06…CIMD-10 for a parsed document fetched from `clientIdUrl`:
 * - client_id equals the URL by simple string comparison (§4.1: no normalisation);
 * - client_name and a non-empty redirect_uris of acceptable URIs (MCP requirements);
 * - no shared secret: no client_secret(_expires_at), no client_secret_* auth method (§4.1, §6.2);
 * - token_endpoint_auth_method absent or "none", or "private_key_jwt" (-02) with the document's
 *   `jwks` or `jwks_uri` (public keys only, not both): then the client is confidential and must
 *   sign a client assertion at the token endpoint;
 * - only the authorization-code flow (with refresh tokens): a public client cannot use others.
 */
export function validateMetadataDocument(
  clientIdUrl: string,
  value: unknown,
  opts: CimdUrlOptions = {},
): DocumentValidation {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, reason: "The metadata document must be a JSON object." };
  const doc = value as Record<string, unknown>;
  if (typeof doc.client_id !== "string") return { ok: false, reason: "The metadata document has no client_id." };
  if (doc.client_id !== clientIdUrl) {
    return {
      ok: false,
      reason: `The document's client_id ("${doc.client_id.slice(0, 200)}") must be exactly the URL it was fetched from ("${clientIdUrl}").`,
    };
  }
  if ("client_secret" in doc || "client_secret_expires_at" in doc) {
    return {
      ok: false,
      reason:
        "The metadata document contains client_secret: a metadata document is public, so it must not carry a secret.",
    };
  }
  const method = doc.token_endpoint_auth_method;
  if (method !== undefined) {
    if (typeof method !== "string") return { ok: false, reason: "token_endpoint_auth_method must be a string." };
    if (SHARED_SECRET_METHODS.has(method)) {
      return {
        ok: false,
        reason: `token_endpoint_auth_method "${method}" uses a shared secret, which a metadata-document client cannot have. Use "none" (PKCE protects the code).`,
      };
    }
    if (method !== "none" && method !== "private_key_jwt")
      return {
        ok: false,
        reason: `token_endpoint_auth_method "${method}" is not supported. Use "none" or "private_key_jwt".`,
      };
  }
  const keyBased = method === "private_key_jwt";
  const keys = checkClientKeys(
    {
      method: keyBased ? "private_key_jwt" : "none",
      jwks: keyBased ? doc.jwks : undefined,
      jwksUri: keyBased ? doc.jwks_uri : undefined,
    },
    { allowHttp: opts.allowHttp ?? false },
  );
  if (!keys.ok) return { ok: false, reason: keys.reason };
  if (typeof doc.client_name !== "string" || doc.client_name.trim() === "")
    return {
      ok: false,
      reason: "The metadata document must have a client_name (the name users see on the consent screen).",
    };
  const clientName = doc.client_name.trim();
  if (clientName.length > 100) return { ok: false, reason: "client_name must be at most 100 characters." };
  if (!Array.isArray(doc.redirect_uris) || doc.redirect_uris.length === 0)
    return { ok: false, reason: "The metadata document must list at least one redirect URI in redirect_uris." };
  if (doc.redirect_uris.length > 20) return { ok: false, reason: "redirect_uris may list at most 20 URIs." };
  const redirectUris: string[] = [];
  for (const [i, uri] of doc.redirect_uris.entries()) {
    if (typeof uri !== "string") return { ok: false, reason: `redirect_uris[${i}] must be a string.` };
    const check = checkRedirectUri(uri);
    if (!check.ok)
      return { ok: false, reason: `redirect_uris[${i}] (${uri.slice(0, 200)}) is not acceptable: ${check.reason}` };
    if (!redirectUris.includes(uri)) redirectUris.push(uri);
  }
  if (doc.grant_types !== undefined) {
    if (!Array.isArray(doc.grant_types) || doc.grant_types.some((g) => typeof g !== "string"))
      return { ok: false, reason: "grant_types must be an array of strings." };
    const unsupported = (doc.grant_types as string[]).filter((g) => !ALLOWED_GRANT_TYPES.has(g));
    if (unsupported.length > 0)
      return {
        ok: false,
        reason: `grant_types may only contain authorization_code and refresh_token for a metadata-document client (got ${unsupported.join(", ")}).`,
      };
    if (!doc.grant_types.includes("authorization_code"))
      return { ok: false, reason: "grant_types must include authorization_code." };
  }
  if (doc.response_types !== undefined) {
    const ok = Array.isArray(doc.response_types) && doc.response_types.every((r) => r === "code");
    if (!ok) return { ok: false, reason: 'response_types may only contain "code".' };
  }
  return {
    ok: true,
    document: {
      clientId: doc.client_id,
      clientName,
      redirectUris,
      logoUri: optionalHttpsUrl(doc.logo_uri, opts),
      clientUri: optionalHttpsUrl(doc.client_uri, opts),
      tokenEndpointAuthMethod: keyBased ? "private_key_jwt" : "none",
      jwks: keys.jwks,
      jwksUri: keys.jwksUri,
      raw: doc,
    },
  };
}

/**
 * How long a fetched document stays fresh (CIMD-16): the response's Cache-Control max-age,
 * clamped to [5 minutes, 24 hours]. Without one (or with no-store / no-cache) the minimum applies:
 * Gatehouse must keep the client's row to run the flow, but it re-checks soon.
 */
export function cacheLifetimeSeconds(cacheControl: string | undefined): number {
  const directives = (cacheControl ?? "")
    .toLowerCase()
    .split(",")
    .map((d) => d.trim());
  if (directives.some((d) => d === "no-store" || d === "no-cache")) return CIMD_MIN_CACHE_SECONDS;
  const maxAge = directives.map((d) => /^max-age\s*=\s*"?(\d+)"?$/.exec(d)?.[1]).find((v) => v !== undefined);
  const seconds = maxAge === undefined ? CIMD_MIN_CACHE_SECONDS : Number(maxAge);
  return Math.min(CIMD_MAX_CACHE_SECONDS, Math.max(CIMD_MIN_CACHE_SECONDS, seconds));
}

/** The members whose change is security-relevant (§6.3): where codes go, which keys, which flows. */
export const CIMD_TRACKED_FIELDS = [
  "redirect_uris",
  "jwks",
  "jwks_uri",
  "token_endpoint_auth_method",
  "grant_types",
  "client_name",
  "logo_uri",
  "scope",
] as const;

/** Which tracked members differ between two documents (JSON-equal values count as unchanged). */
export function changedDocumentFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return CIMD_TRACKED_FIELDS.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/** Checks the first bytes against the declared image type, so a logo is what it says it is. */
export function sniffLogoType(bytes: Uint8Array): CimdLogoType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x47, 0x49, 0x46, 0x38])) return "image/gif";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}
