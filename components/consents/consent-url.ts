// Client-safe helpers for the Consents tab's URL (the URL is the list's state).
import { consentFilterToSearchParams, type ConsentListFilter } from "@/lib/queries/consents";

export function clientConsentsHref(slug: string, clientId: string, filter: Partial<ConsentListFilter> = {}): string {
  const qs = consentFilterToSearchParams(filter).toString();
  const base = `/servers/${slug}/clients/${clientId}/consents`;
  return qs ? `${base}?${qs}` : base;
}

/**
 * How late an MCP server that verifies tokens itself learns of a revocation: it re-reads the token
 * status list after `statusListTtl` seconds, and Gatehouse builds a list at most one second old.
 */
export function formatRevocationBound(statusListTtl: number): string {
  const seconds = statusListTtl + 1;
  if (seconds < 120) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** What a revocation does, in the words every revoke dialog uses. */
export function revocationEffect(statusListTtl: number): string {
  return (
    "Their tokens stop working at once at Gatehouse's introspection endpoint and the demo MCP server; " +
    `MCP servers that verify tokens themselves see it within ${formatRevocationBound(statusListTtl)} (through the token status list).`
  );
}
