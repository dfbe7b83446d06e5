// Client-safe helpers for the audit page's URL state (the URL is the state).
import { auditFilterToSearchParams, type AuditFilter } from "@/lib/schemas/audit-list";

/** The `/audit` URL for a filter; empty values are left out. */
export function auditHref(filter: AuditFilter): string {
  const qs = auditFilterToSearchParams(filter).toString();
  return qs ? `/audit?${qs}` : "/audit";
}

/** The CSV export URL: the same filters, never a cursor (the export covers every page). */
export function auditExportHref(filter: AuditFilter): string {
  return `/api/v1/audit/export?${auditFilterToSearchParams({ ...filter, cursor: undefined })}`;
}

/** Whether any filter (not the page cursor) narrows the list. */
export function hasActiveFilters(filter: AuditFilter): boolean {
  return Boolean(filter.action || filter.actor || filter.server || filter.from || filter.to);
}
