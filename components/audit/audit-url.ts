// Client-safe helpers for the audit page's URL state (the URL is the state).
import { auditFilterToSearchParams, type AuditFilter } from "@/lib/schemas/audit";

export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * Next's `searchParams` object reduced to one string per key, keeping the last value of a
 * repeated key: the same thing `Object.fromEntries(useSearchParams())` yields on the client, so
 * the server prefetch and the client query parse identical filters (and share one query key).
 */
export function lastValues(raw: RawSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last !== undefined) out[key] = last;
  }
  return out;
}

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
