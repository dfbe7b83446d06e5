// Client-safe helpers for the Clients pages' URLs (the URL is the list's state).
import { clientFilterToSearchParams, type ClientFlow, type ClientListFilter } from "@/lib/schemas/client-list";

export function clientsListHref(slug: string, filter: Partial<ClientListFilter> = {}): string {
  const qs = clientFilterToSearchParams(filter).toString();
  return qs ? `/servers/${slug}/clients?${qs}` : `/servers/${slug}/clients`;
}

export function clientHref(slug: string, id: string, tab: ClientTabSegment = ""): string {
  return `/servers/${slug}/clients/${id}${tab}`;
}

export const CLIENT_TABS = [
  { segment: "", label: "Overview" },
  { segment: "/consents", label: "Consents" },
  { segment: "/settings", label: "Settings" },
  { segment: "/credentials", label: "Credentials" },
  { segment: "/danger", label: "Danger zone" },
] as const;
export type ClientTabSegment = (typeof CLIENT_TABS)[number]["segment"];

/**
 * Whether a client has people's consents to show. A client-credentials client acts as itself: no
 * user ever consents to it, so it has no Consents tab (its Overview says why) — unless an identity
 * provider's policy granted it access for people (ID-JAG), which are consents like any other.
 */
export function showsConsents(client: { flow: ClientFlow; consentCount: number }): boolean {
  return client.flow !== "client_credentials" || client.consentCount > 0;
}

/** The tabs a client shows (see showsConsents). */
export function clientTabsFor(client: { flow: ClientFlow; consentCount: number }) {
  return showsConsents(client) ? CLIENT_TABS : CLIENT_TABS.filter((t) => t.segment !== "/consents");
}

/** Whether anything but the sort and the page cursor narrows the list. */
export function hasActiveFilters(filter: ClientListFilter): boolean {
  return Boolean(filter.q || filter.type || filter.flow || filter.status);
}
