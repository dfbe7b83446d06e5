"use client";

import { useState, type FormEvent } from "react";
import { ALL, FilterSelect } from "@/components/data-table/filter-select";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SelectItem } from "@/components/ui/select";
import { AUDIT_ACTIONS, invertedDateRangeError, type AuditFilter } from "@/lib/schemas/audit-list";
import { hasActiveFilters } from "./audit-url";

export interface AuditServerOption {
  slug: string;
  name: string;
}

function isAuditAction(value: string): value is (typeof AUDIT_ACTIONS)[number] {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/**
 * The audit filters. Local state is only a draft: "Apply filters" hands a new filter (no cursor)
 * to `onApply`, which puts it in the URL. Remount with a `key` to reset the draft from the URL.
 */
export function AuditFilters({
  filter,
  servers,
  onApply,
}: {
  filter: AuditFilter;
  servers: AuditServerOption[];
  onApply: (next: AuditFilter) => void;
}) {
  const [action, setAction] = useState<string>(filter.action ?? ALL);
  const [actor, setActor] = useState(filter.actor ?? "");
  const [server, setServer] = useState<string>(filter.server || ALL);
  const [from, setFrom] = useState(filter.from ?? "");
  const [to, setTo] = useState(filter.to ?? "");
  // A URL with an inverted range (a shared link, an edited address) shows the message at once.
  const [dateError, setDateError] = useState<string | null>(() => invertedDateRangeError(filter));

  // A slug in the URL that is no longer in the list (a deleted server) still shows as selected.
  const unknownServer = filter.server && !servers.some((s) => s.slug === filter.server) ? filter.server : null;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const inverted = invertedDateRangeError({ from, to });
    if (inverted) {
      setDateError(inverted);
      return;
    }
    setDateError(null);
    onApply({
      action: isAuditAction(action) ? action : undefined,
      actor: actor.trim() || undefined,
      server: server === ALL ? undefined : server,
      from: from || undefined,
      to: to || undefined,
    });
  }

  return (
    <form
      role="search"
      aria-label="Filter audit events"
      onSubmit={onSubmit}
      className="grid gap-4 rounded-lg border bg-card p-4"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <FilterSelect
          id="audit-action"
          label="Action"
          value={action}
          onValueChange={setAction}
          triggerClassName="w-full"
        >
          <SelectItem value={ALL}>All actions</SelectItem>
          {AUDIT_ACTIONS.map((a) => (
            <SelectItem key={a} value={a} className="font-mono text-xs">
              {a}
            </SelectItem>
          ))}
        </FilterSelect>

        <div className="grid gap-2">
          <Label htmlFor="audit-actor">Actor</Label>
          <Input
            id="audit-actor"
            type="search"
            value={actor}
            onChange={(e) => setActor(e.target.value)}
            placeholder="Email or user ID"
            autoComplete="off"
            maxLength={200}
          />
        </div>

        <FilterSelect
          id="audit-server"
          label="MCP server"
          value={server}
          onValueChange={setServer}
          triggerClassName="w-full"
        >
          <SelectItem value={ALL}>All servers</SelectItem>
          {servers.map((s) => (
            <SelectItem key={s.slug} value={s.slug}>
              {s.name}
            </SelectItem>
          ))}
          {unknownServer ? <SelectItem value={unknownServer}>{unknownServer}</SelectItem> : null}
        </FilterSelect>

        <div className="grid gap-2">
          <Label htmlFor="audit-from">From date</Label>
          <Input
            id="audit-from"
            type="date"
            value={from}
            max={to || undefined}
            onChange={(e) => setFrom(e.target.value)}
            aria-invalid={dateError ? true : undefined}
            aria-describedby={dateError ? "audit-dates-hint audit-dates-error" : "audit-dates-hint"}
          />
        </div>

        <div className="grid gap-2">
          <Label htmlFor="audit-to">To date</Label>
          <Input
            id="audit-to"
            type="date"
            value={to}
            min={from || undefined}
            onChange={(e) => setTo(e.target.value)}
            aria-invalid={dateError ? true : undefined}
            aria-describedby={dateError ? "audit-dates-hint audit-dates-error" : "audit-dates-hint"}
          />
        </div>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="text-xs text-muted-foreground">
          <p id="audit-dates-hint">Dates are whole days in UTC; both ends are included.</p>
          {dateError ? (
            <p id="audit-dates-error" role="alert" className="text-destructive">
              {dateError}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          {hasActiveFilters(filter) ? (
            <Button type="button" variant="ghost" onClick={() => onApply({})}>
              Clear filters
            </Button>
          ) : null}
          <Button type="submit">Apply filters</Button>
        </div>
      </div>
    </form>
  );
}
