import { queryOptions } from "@tanstack/react-query";
import { auditFilterToSearchParams, type AuditFilter } from "@/lib/schemas/audit-list";
import type { AuditPageDto } from "@/lib/services";
import { getJson } from "./query-client";

export const auditKeys = { all: ["audit"] as const, page: (f: AuditFilter) => ["audit", "page", f] as const };

export const auditPageQuery = (f: AuditFilter) =>
  queryOptions({
    queryKey: auditKeys.page(f),
    staleTime: 15_000,
    queryFn: () => getJson<AuditPageDto>(`/api/v1/audit?${auditFilterToSearchParams(f)}`),
  });
