"use client";

import { SearchIcon } from "lucide-react";
import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
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

// Radix Select items cannot have an empty value, so "no filter" gets a sentinel.
const ALL = "__all__";

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
  const [q, setQ] = useState(filter.q ?? "");

  // The selects offer only valid values; the server page parses the URL again anyway.
  function apply(patch: Partial<ClientListFilter>) {
    onApply({ ...filter, ...patch, cursor: undefined });
  }
  const pick = (key: "type" | "flow" | "status" | "sort") => (value: string) =>
    apply({ [key]: value === ALL ? undefined : value });

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply({ q: q.trim() || undefined });
  }

  return (
    <div className="grid gap-4 rounded-lg border bg-card p-4">
      <form role="search" aria-label="Search clients" onSubmit={onSearch} className="flex flex-wrap items-end gap-2">
        <div className="grid min-w-64 flex-1 gap-2">
          <Label htmlFor="clients-q">Search by name or client ID</Label>
          <Input
            id="clients-q"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <Button type="submit" variant="outline">
          <SearchIcon aria-hidden="true" />
          Search
        </Button>
      </form>
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

function FilterSelect({
  id,
  label,
  value,
  onValueChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Select value={value} onValueChange={onValueChange}>
        <SelectTrigger id={id} className="w-44">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>{children}</SelectContent>
      </Select>
    </div>
  );
}
