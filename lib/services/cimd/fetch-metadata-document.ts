// Fetches and validates a client's metadata document and its logo, through the SSRF guard.
// Every failure is a sentence a client developer can act on (it is shown on the error page).
import {
  cacheLifetimeSeconds,
  CIMD_FETCH_TIMEOUT_MS,
  CIMD_LOGO_MAX_BYTES,
  CIMD_LOGO_TYPES,
  CIMD_MAX_DOCUMENT_BYTES,
  parseMetadataDocument,
  sniffLogoType,
  validateMetadataDocument,
  type CimdLogoType,
  type MetadataDocument,
} from "@/lib/oauth/cimd";
import { guardedFetch, GuardedFetchError, type GuardedResponse } from "@/lib/net/guarded-fetch";
import { metrics } from "@/lib/metrics/metrics";
import { cimdTransport } from "./transport";

export type DocumentFetch =
  { ok: true; document: MetadataDocument; ttlSeconds: number } | { ok: false; reason: string };

async function get(url: string, accept: string, maxBytes: number): Promise<GuardedResponse | { error: string }> {
  const t = cimdTransport();
  try {
    return await guardedFetch(url, {
      accept,
      maxBytes,
      timeoutMs: CIMD_FETCH_TIMEOUT_MS,
      allowLoopback: t.allowLoopback,
      allowHttp: t.allowHttp && t.allowLoopback,
      ...(t.resolver ? { resolver: t.resolver } : {}),
      ...(t.connector ? { connector: t.connector } : {}),
      ...(t.ca ? { ca: t.ca } : {}),
    });
  } catch (err) {
    if (err instanceof GuardedFetchError) return { error: err.message };
    throw err;
  }
}

/** CIMD-03…CIMD-08, CIMD-13, CIMD-14: one GET, 200 only, no redirects, ≤ 5 KB, ≤ 5 s, then the rules. */
export async function fetchMetadataDocument(clientIdUrl: string): Promise<DocumentFetch> {
  const { outcome, result } = await fetchDocument(clientIdUrl);
  metrics.cimdFetches.inc({ outcome });
  return result;
}

/** The metric's outcome label beside the result: success, unreachable, redirect, http_error, invalid_document. */
async function fetchDocument(clientIdUrl: string): Promise<{ outcome: string; result: DocumentFetch }> {
  const fail = (outcome: string, reason: string) => ({ outcome, result: { ok: false as const, reason } });
  const t = cimdTransport();
  const res = await get(clientIdUrl, "application/json", CIMD_MAX_DOCUMENT_BYTES);
  if ("error" in res) return fail("unreachable", `Fetching the metadata document failed: ${res.error}`);
  if (res.status >= 300 && res.status < 400) {
    const to = res.headers.location ? ` to ${res.headers.location.slice(0, 200)}` : "";
    return fail(
      "redirect",
      `The metadata document URL answered ${res.status} (a redirect${to}). Redirects are not followed: serve the document at the client_id URL itself.`,
    );
  }
  if (res.status !== 200)
    return fail("http_error", `The metadata document URL answered HTTP ${res.status}; only 200 OK is accepted.`);
  const parsed = parseMetadataDocument(res.body.toString("utf8"));
  if (!parsed.ok) return fail("invalid_document", parsed.reason);
  const valid = validateMetadataDocument(clientIdUrl, parsed.value, { allowHttp: t.allowHttp && t.allowLoopback });
  if (!valid.ok) return fail("invalid_document", `The metadata document is not acceptable: ${valid.reason}`);
  const ttlSeconds = cacheLifetimeSeconds(res.headers["cache-control"]);
  return { outcome: "success", result: { ok: true, document: valid.document, ttlSeconds } };
}

export type LogoFetch = { ok: true; contentType: CimdLogoType; bytes: Buffer } | { ok: false; reason: string };

/** CIMD-12, CIMD-18: the logo through the same guard, ≤ 100 KB, a real PNG, JPEG, GIF or WebP. */
export async function fetchClientLogo(logoUri: string): Promise<LogoFetch> {
  const res = await get(logoUri, CIMD_LOGO_TYPES.join(", "), CIMD_LOGO_MAX_BYTES);
  if ("error" in res) return { ok: false, reason: res.error };
  if (res.status !== 200) return { ok: false, reason: `logo_uri answered HTTP ${res.status}.` };
  const declared = (res.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!(CIMD_LOGO_TYPES as readonly string[]).includes(declared))
    return { ok: false, reason: `logo_uri is served as ${declared || "no type"}; use PNG, JPEG, GIF or WebP.` };
  const sniffed = sniffLogoType(res.body);
  if (sniffed !== declared)
    return {
      ok: false,
      reason: `logo_uri is served as ${declared} but its content is ${sniffed ?? "not an image Gatehouse accepts"}.`,
    };
  return { ok: true, contentType: sniffed, bytes: res.body };
}
