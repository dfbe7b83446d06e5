"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronRight, FilterX, ScrollText } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { auditPageQuery } from "@/lib/queries/audit";
import { AuditFilter } from "@/lib/schemas/audit";
import { cn } from "@/lib/utils";
import { AuditFilters, type AuditServerOption } from "./audit-filters";
import { AuditRow } from "./audit-row";
import { AuditTableSkeleton } from "./audit-table-skeleton";
import { auditHref, hasActiveFilters } from "./audit-url";

/**
 * The audit log island: filters, the event table and cursor paging. The filter comes from the URL
 * (parsed exactly like the server page does, so the prefetched query is reused), and every change
 * of filter or page is a navigation. The first page polls for new events.
 */
export function AuditTable({ servers }: { servers: AuditServerOption[] }) {
  const searchParams = useSearchParams();
  const filter = useMemo(() => AuditFilter.parse(Object.fromEntries(searchParams)), [searchParams]);
  const router = useRouter();
  const [isNavigating, startTransition] = useTransition();
  const query = useQuery({ ...auditPageQuery(filter), refetchInterval: filter.cursor ? false : 30_000 });

  const isFiltered = hasActiveFilters(filter);
  const filtersKey = auditHref({ ...filter, cursor: undefined });

  function navigate(next: AuditFilter, options?: { scroll?: boolean }) {
    startTransition(() => router.push(auditHref(next), options));
  }
  const clearFilters = () => navigate({}, { scroll: false });

  let body: ReactNode;
  if (query.isPending) {
    body = <AuditTableSkeleton />;
  } else if (query.isError) {
    body = (
      <div role="alert" className="grid justify-items-start gap-3 rounded-lg border border-destructive/40 p-6">
        <p className="font-medium">The audit log could not be loaded.</p>
        <p className="text-sm text-muted-foreground">{query.error.message} Try again in a moment.</p>
        <Button type="button" variant="outline" onClick={() => void query.refetch()} disabled={query.isFetching}>
          Try again
        </Button>
      </div>
    );
  } else if (query.data.events.length === 0) {
    body = isFiltered ? (
      <EmptyState
        icon={FilterX}
        title="No events match these filters"
        description="Try a wider date range or another action, actor or MCP server."
        action={
          <Button type="button" variant="outline" onClick={clearFilters}>
            Clear filters
          </Button>
        }
      />
    ) : filter.cursor ? (
      <EmptyState
        icon={ScrollText}
        title="No more events"
        description="You have reached the oldest event in the audit log."
        action={
          <Button asChild variant="outline">
            <Link href={auditHref({ ...filter, cursor: undefined })}>First page</Link>
          </Button>
        }
      />
    ) : (
      <EmptyState
        icon={ScrollText}
        title="No audit events yet"
        description="Sign-ins, member changes and MCP server updates appear here as they happen."
      />
    );
  } else {
    const { events, nextCursor } = query.data;
    body = (
      <div className="grid gap-3">
        <div className={cn("rounded-lg border transition-opacity", isNavigating && "opacity-60")} aria-busy={isNavigating || undefined}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="w-10">
                  <span className="sr-only">Details</span>
                </TableHead>
                <TableHead>Time</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Actor</TableHead>
                <TableHead>Target</TableHead>
                <TableHead>MCP server</TableHead>
                <TableHead>IP</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {events.map((event) => (
                <AuditRow key={event.id} event={event} />
              ))}
            </TableBody>
          </Table>
        </div>
        <nav aria-label="Audit log pages" className="flex flex-wrap items-center justify-between gap-3">
          <p role="status" className="text-sm text-muted-foreground">
            {filter.cursor ? "Showing" : "Showing the newest"} {events.length} {events.length === 1 ? "event" : "events"}
            {isFiltered ? " matching these filters" : ""}.
          </p>
          <div className="flex gap-2">
            {filter.cursor ? (
              <Button asChild variant="outline" size="sm">
                <Link href={auditHref({ ...filter, cursor: undefined })}>First page</Link>
              </Button>
            ) : null}
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={!nextCursor}
              onClick={() => nextCursor && navigate({ ...filter, cursor: nextCursor })}
            >
              Next page
              <ChevronRight aria-hidden />
            </Button>
          </div>
        </nav>
      </div>
    );
  }

  return (
    <div className="grid gap-4">
      <AuditFilters key={filtersKey} filter={filter} servers={servers} onApply={(next) => navigate(next, { scroll: false })} />
      {body}
    </div>
  );
}
