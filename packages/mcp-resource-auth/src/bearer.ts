// Bearer tokens at a resource server. RFC 6750 §2.1 (the Authorization header is the only place
// we read a token: OAuth 2.1 §5.1 forbids the query, and MCP requires the header on every
// request), RFC 6750 §3 + OAuth 2.1 §5.3 (WWW-Authenticate challenges, error codes) and RFC 9728
// §5.1 (the resource_metadata auth-param that tells a client where discovery starts).

export type BearerParseResult = { ok: true; token: string } | { ok: false; reason: "missing" | "malformed" };

/** RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
const BEARER_CREDENTIALS = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const BEARER_SCHEME = /^bearer(?: |$)/i;

/**
 * Reads the access token from an Authorization header value (null when the header is absent).
 * The scheme name is case-insensitive (RFC 9110 §11.1, OAuth 2.1 §5.1.1). Another scheme (Basic, …)
 * carries no bearer credentials, so it counts as "missing": the client gets the discovery challenge
 * without an error code (RFC 6750 §3.1). "Bearer" with no token, or with characters outside
 * b64token (two tokens, a comma-joined repeated header), is "malformed": invalid_request.
 */
export function parseBearerAuthorization(header: string | null): BearerParseResult {
  const value = header?.trim() ?? "";
  if (value === "" || !BEARER_SCHEME.test(value)) return { ok: false, reason: "missing" };
  const match = BEARER_CREDENTIALS.exec(value);
  return match?.[1] ? { ok: true, token: match[1] } : { ok: false, reason: "malformed" };
}

export type BearerError = "invalid_request" | "invalid_token" | "insufficient_scope";

export interface BearerChallengeParams {
  error?: BearerError;
  error_description?: string;
  /** Space-delimited scopes the request needs (RFC 6750 §3). Omitted when empty. */
  scope?: readonly string[];
  /** RFC 9728 §5.1: the URL of the protected resource metadata. */
  resource_metadata?: string;
}

/** Status codes per RFC 6750 §3.1. A challenge without an error (no credentials sent) is a 401. */
export const BEARER_ERROR_STATUS: Record<BearerError, 400 | 401 | 403> = {
  invalid_request: 400,
  invalid_token: 401,
  insufficient_scope: 403,
};

/**
 * RFC 9110 §5.6.4 quoted-string: `"` and `\` become quoted-pairs. Control characters cannot appear
 * in a header value at all, and RFC 6750 §3 limits error_description to printable ASCII, so
 * anything else is replaced rather than risking a header the runtime refuses to send.
 */
function quote(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, " ");
  return `"${printable.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * Builds a `WWW-Authenticate: Bearer …` value. Every auth-param is a quoted string, they are
 * comma-separated and each appears at most once (OAuth 2.1 §5.3.1, RFC 9110 §11.6.1). An empty
 * scope list is left out rather than sent as `scope=""`.
 */
export function bearerChallenge(params: BearerChallengeParams): string {
  const parts: string[] = [];
  if (params.error) parts.push(`error=${quote(params.error)}`);
  if (params.error_description) parts.push(`error_description=${quote(params.error_description)}`);
  if (params.scope && params.scope.length > 0) parts.push(`scope=${quote(params.scope.join(" "))}`);
  if (params.resource_metadata) parts.push(`resource_metadata=${quote(params.resource_metadata)}`);
  return parts.length > 0 ? `Bearer ${parts.join(", ")}` : "Bearer";
}

const TOKEN_CHARS = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
const AUTH_PARAM = new RegExp(
  `^(${TOKEN_CHARS})[ \\t]*=[ \\t]*(?:"((?:[^"\\\\]|\\\\.)*)"|(${TOKEN_CHARS}))[ \\t]*(?:,[ \\t]*|$)`,
);

/**
 * Parses one `Bearer` challenge into its auth-params (RFC 9110 §11.6.1: token or quoted-string
 * values, comma-separated), as a client does. Null when the value is not a Bearer challenge, does
 * not parse, or repeats a parameter (OAuth 2.1 §5.3.1: each at most once). Parameter names are
 * case-insensitive and returned lower-case.
 */
export function parseBearerChallenge(header: string | null): Record<string, string> | null {
  const value = header?.trim() ?? "";
  const scheme = /^bearer(?:[ \t]+|$)/i.exec(value);
  if (!scheme) return null;
  let rest = value.slice(scheme[0].length);
  const params: Record<string, string> = {};
  while (rest.length > 0) {
    const match = AUTH_PARAM.exec(rest);
    if (!match?.[1]) return null;
    const name = match[1].toLowerCase();
    if (Object.hasOwn(params, name)) return null;
    params[name] = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : (match[3] ?? "");
    rest = rest.slice(match[0].length);
  }
  return params;
}
