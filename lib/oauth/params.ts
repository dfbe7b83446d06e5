// Request parameters (OAuth 2.1 §3.1, §3.2): a parameter may appear at most once (GEN-04),
// an empty value counts as omitted (GEN-05), unknown parameters are ignored (GEN-03). Token-style
// endpoints accept only a form-encoded POST body (TOK-01); credentials in the URL are never read.
// A NUL character in any name or value is invalid_request (issue 10: it reached PostgreSQL as a 500).
import { hasNul, NUL_MESSAGE } from "@/lib/http/read-body-capped";
import { OAuthError } from "./errors";
import type { ProtocolRequest } from "./protocol-http";

export type Params = Map<string, string>;

/** Parameters that may legitimately repeat (RFC 8707 §2: resource). */
const REPEATABLE = new Set(["resource"]);

export interface ParsedParams {
  params: Params;
  /** Every value of a repeatable parameter, in order. */
  repeated: Map<string, string[]>;
}

export function parseParams(search: URLSearchParams): ParsedParams {
  const params: Params = new Map();
  const repeated = new Map<string, string[]>();
  for (const [key, value] of search) {
    // PostgreSQL cannot store NUL in text: refused here, for every parameter of every endpoint.
    if (hasNul(key) || hasNul(value)) throw new OAuthError("invalid_request", NUL_MESSAGE);
    if (value === "") continue;
    if (REPEATABLE.has(key)) {
      repeated.set(key, [...(repeated.get(key) ?? []), value]);
      if (!params.has(key)) params.set(key, value);
      continue;
    }
    if (params.has(key)) throw new OAuthError("invalid_request", `The parameter "${key}" appears more than once.`);
    params.set(key, value);
  }
  return { params, repeated };
}

/** The form-encoded body of a POST (TOK-01), parsed by the rules above. */
export async function readFormBody(request: ProtocolRequest): Promise<ParsedParams> {
  if (request.method !== "POST") throw new OAuthError("invalid_request", "Use POST.", 405, { Allow: "POST" });
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new OAuthError("invalid_request", "The body must be application/x-www-form-urlencoded.");
  }
  return parseParams(new URLSearchParams(await request.text()));
}
