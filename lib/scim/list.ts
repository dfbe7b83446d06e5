// RFC 7644 §3.4.2.4 paging and §3.4.2 ListResponse. startIndex is 1-based; count is capped so one
// request never reads an unbounded page.
import { invalidValue } from "./errors";
import { LIST_RESPONSE_SCHEMA } from "./schemas";

export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 200;

export interface Paging {
  startIndex: number;
  count: number;
}

function integer(raw: string | null, name: string): number | null {
  if (raw === null || raw.trim() === "") return null;
  if (!/^-?\d{1,9}$/.test(raw.trim())) throw invalidValue(`${name} must be an integer.`);
  return Number(raw);
}

/** "A value less than 1 SHALL be interpreted as 1"; a negative count as 0 (§3.4.2.4). */
export function parsePaging(params: URLSearchParams): Paging {
  const startIndex = integer(params.get("startIndex"), "startIndex") ?? 1;
  const count = integer(params.get("count"), "count") ?? DEFAULT_COUNT;
  return { startIndex: Math.max(1, startIndex), count: Math.min(MAX_COUNT, Math.max(0, count)) };
}

export interface ListResponse<T> {
  schemas: [typeof LIST_RESPONSE_SCHEMA];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export function listResponse<T>(resources: T[], totalResults: number, startIndex: number): ListResponse<T> {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
