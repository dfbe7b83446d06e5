"use client";

import { ALL, FilterSelect } from "@/components/data-table/filter-select";
import { SearchBox } from "@/components/data-table/search-box";
import { Button } from "@/components/ui/button";
import { SelectItem } from "@/components/ui/select";
import {
  CLIENT_FLOWS,
  CLIENT_STATUS_FILTER_LABELS,
  CLIENT_STATUS_FILTERS,
  CLIENT_TYPE_FILTER_LABELS,
  CLIENT_TYPE_FILTERS,
  FLOW_LABELS,
  type ClientListFilter,
  type ClientSort,
} from "@/lib/schemas/client-list";
import { hasActiveFilters } from "./client-url";

const SORT_LABELS: Record<ClientSort, string> = {
  created: "Newest first",
  last_used: "Recently used",
  name: "Name (A–Z)",
};

/**
 * Search, filters and sort of the Clients list. A select applies at once; the search applies on
 * submit. Either hands a new filter (without a cursor: back to the first page) to `onApply`, which
 * puts it in the URL. Remount with a `key` to reset the search draft from the URL.
 */
export function ClientsFilters({
  filter,
  onApply,
}: {
  filter: ClientListFilter;
  onApply: (next: ClientListFilter) => void;
}) {
  // The selects offer only valid values; the server page parses the URL again anyway.
  function apply(patch: Partial<ClientListFilter>) {
    onApply({ ...filter, ...patch, cursor: undefined });
  }
  const pick = (key: "type" | "flow" | "status" | "sort") => (value: string) =>
    apply({ [key]: value === ALL ? undefined : value });

  return (
    <div className="grid gap-4 rounded-lg border bg-card p-4">
      <SearchBox
        id="clients-q"
        label="Search by name or client ID"
        ariaLabel="Search clients"
        q={filter.q}
        onSearch={(q) => apply({ q })}
        fieldClassName="min-w-64"
      />
      <div className="flex flex-wrap items-end gap-4">
        <FilterSelect id="clients-type" label="Registration" value={filter.type ?? ALL} onValueChange={pick("type")}>
          <SelectItem value={ALL}>Any registration</SelectItem>
          {CLIENT_TYPE_FILTERS.map((t) => (
            <SelectItem key={t} value={t}>
              {CLIENT_TYPE_FILTER_LABELS[t]}
            </SelectItem>
          ))}
        </FilterSelect>
        <FilterSelect id="clients-flow" label="Flow" value={filter.flow ?? ALL} onValueChange={pick("flow")}>
          <SelectItem value={ALL}>All flows</SelectItem>
          {CLIENT_FLOWS.map((f) => (
            <SelectItem key={f} value={f}>
              {FLOW_LABELS[f]}
            </SelectItem>
          ))}
        </FilterSelect>
        <FilterSelect id="clients-status" label="Status" value={filter.status ?? ALL} onValueChange={pick("status")}>
          <SelectItem value={ALL}>Any status</SelectItem>
          {CLIENT_STATUS_FILTERS.map((s) => (
            <SelectItem key={s} value={s}>
              {CLIENT_STATUS_FILTER_LABELS[s]}
            </SelectItem>
          ))}
        </FilterSelect>
        <FilterSelect id="clients-sort" label="Sort by" value={filter.sort} onValueChange={pick("sort")}>
          {(Object.keys(SORT_LABELS) as ClientSort[]).map((s) => (
            <SelectItem key={s} value={s}>
              {SORT_LABELS[s]}
            </SelectItem>
          ))}
        </FilterSelect>
        {hasActiveFilters(filter) ? (
          <Button type="button" variant="ghost" onClick={() => onApply({ sort: filter.sort })}>
            Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}
