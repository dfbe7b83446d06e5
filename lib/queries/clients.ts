import { queryOptions } from "@tanstack/react-query";
import { clientFilterToSearchParams, type ClientListFilter } from "@/lib/schemas/client-list";
import type { ClientPageDto } from "@/lib/services";
import { getJson } from "./query-client";

// Keys nest by server so one MCP server's lists can be invalidated without touching another's.
// Nothing here ever holds a client secret: create and rotate return it through action state only.
export const clientKeys = {
  all: ["clients"] as const,
  server: (slug: string) => ["clients", slug] as const,
  page: (slug: string, f: ClientListFilter) => ["clients", slug, "page", f] as const,
};

export const clientsPageQuery = (slug: string, f: ClientListFilter) =>
  queryOptions({
    queryKey: clientKeys.page(slug, f),
    staleTime: 15_000,
    queryFn: () =>
      getJson<ClientPageDto>(`/api/v1/servers/${encodeURIComponent(slug)}/clients?${clientFilterToSearchParams(f)}`),
  });
