// Client-safe helpers for the Consents tab's URL (the URL is the list's state).
import { consentFilterToSearchParams, type ConsentListFilter } from "@/lib/queries/consents";

export function clientConsentsHref(slug: string, clientId: string, filter: Partial<ConsentListFilter> = {}): string {
  const qs = consentFilterToSearchParams(filter).toString();
  const base = `/servers/${slug}/clients/${clientId}/consents`;
  return qs ? `${base}?${qs}` : base;
}

/**
 * An access-token lifetime for the revocation dialogs ("within 10 minutes"). Rounded up: it is the
 * longest a resource server that verifies tokens itself may keep accepting one.
 */
export function formatAccessTokenTtl(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

/** What a revocation does, in the words every revoke dialog uses. */
export function revocationEffect(accessTokenTtl: number): string {
  return (
    "Their tokens stop working at once at Gatehouse's introspection endpoint and the demo MCP server; " +
    `MCP servers that verify tokens themselves stop accepting them within ${formatAccessTokenTtl(accessTokenTtl)}.`
  );
}
