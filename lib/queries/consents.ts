import { queryOptions } from "@tanstack/react-query";
import type { ConsentPageDto } from "@/lib/services";
import { getJson } from "./query-client";

/** The Consents tab's state, as it lives in the URL (parsed by lib/schemas/consent-list.ts). */
export interface ConsentListFilter {
  q?: string | undefined;
  cursor?: string | undefined;
}

export function consentFilterToSearchParams(f: Partial<ConsentListFilter>): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.cursor) p.set("cursor", f.cursor);
  return p;
}

// Keys nest by server and client, so a revocation invalidates exactly that client's pages.
export const consentKeys = {
  all: ["consents"] as const,
  client: (slug: string, clientId: string) => ["consents", slug, clientId] as const,
  page: (slug: string, clientId: string, f: ConsentListFilter) => ["consents", slug, clientId, "page", f] as const,
};

export const clientConsentsPageQuery = (slug: string, clientId: string, f: ConsentListFilter) =>
  queryOptions({
    queryKey: consentKeys.page(slug, clientId, f),
    staleTime: 15_000,
    queryFn: () =>
      getJson<ConsentPageDto>(
        `/api/v1/servers/${encodeURIComponent(slug)}/clients/${encodeURIComponent(clientId)}/consents?${consentFilterToSearchParams(f)}`,
      ),
  });
