"use client";

import { useQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import type { ReactNode } from "react";
import { EmptyListState } from "@/components/data-table/list-empty-states";
import { CursorPager, PagedTable } from "@/components/data-table/paged-table";
import { QueryError } from "@/components/data-table/query-error";
import { TableColumnsHeader } from "@/components/data-table/table-skeleton";
import { useUrlFilter } from "@/components/data-table/use-url-filter";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody } from "@/components/ui/table";
import { auditPageQuery } from "@/lib/queries/audit";
import { invertedDateRangeError, type AuditFilter } from "@/lib/schemas/audit-list";
import { AuditFilters, type AuditServerOption } from "./audit-filters";
import { AuditRow } from "./audit-row";
import { AUDIT_COLUMNS, AuditTableSkeleton } from "./audit-table-skeleton";
import { auditHref, hasActiveFilters } from "./audit-url";

/**
 * The audit log island: filters, the event table and cursor paging. The filter is the URL state the
 * server page parsed (so the prefetched query is reused), and every change
 * of filter or page is a navigation. The first page polls for new events.
 */
export function AuditTable({ servers, filter: urlFilter }: { servers: AuditServerOption[]; filter: AuditFilter }) {
  const { filter, navigate, isNavigating } = useUrlFilter(urlFilter, auditHref);
  // An inverted date range can match nothing: the filters say why next to the dates, and no list
  // (which would look like "no events") is fetched or shown.
  const inverted = invertedDateRangeError(filter) !== null;
  const query = useQuery({
    ...auditPageQuery(filter),
    enabled: !inverted,
    refetchInterval: filter.cursor ? false : 30_000,
  });

  const isFiltered = hasActiveFilters(filter);
  const filtersKey = auditHref({ ...filter, cursor: undefined });
  const clearFilters = () => navigate({}, { scroll: false });

  let body: ReactNode;
  if (inverted) {
    body = null;
  } else if (query.isPending) {
    body = <AuditTableSkeleton />;
  } else if (query.isError) {
    body = <QueryError title="The audit log could not be loaded." query={query} />;
  } else if (query.data.events.length === 0) {
    body = (
      <EmptyListState
        noMatches={
          isFiltered
            ? {
                title: "No events match these filters",
                description: "Try a wider date range or another action, actor or MCP server.",
                onClearFilters: clearFilters,
              }
            : null
        }
        pastLastPage={
          filter.cursor
            ? {
                icon: ScrollText,
                title: "No more events",
                description: "You have reached the oldest event in the audit log.",
                firstPageHref: filtersKey,
              }
            : null
        }
        empty={
          <EmptyState
            icon={ScrollText}
            title="No audit events yet"
            description="Sign-ins, member changes and MCP server updates appear here as they happen."
          />
        }
      />
    );
  } else {
    const { events, nextCursor } = query.data;
    body = (
      <PagedTable
        busy={isNavigating}
        pager={
          <CursorPager
            label="Audit log pages"
            summary={
              <>
                {filter.cursor ? "Showing" : "Showing the newest"} {events.length}{" "}
                {events.length === 1 ? "event" : "events"}
                {isFiltered ? " matching these filters" : ""}.
              </>
            }
            firstPageHref={filter.cursor ? filtersKey : undefined}
            onNext={nextCursor ? () => navigate({ ...filter, cursor: nextCursor }) : undefined}
          />
        }
      >
        <Table>
          <TableColumnsHeader columns={AUDIT_COLUMNS} />
          <TableBody>
            {events.map((event) => (
              <AuditRow key={event.id} event={event} />
            ))}
          </TableBody>
        </Table>
      </PagedTable>
    );
  }

  return (
    <div className="grid gap-4">
      <AuditFilters
        key={filtersKey}
        filter={filter}
        servers={servers}
        onApply={(next) => navigate(next, { scroll: false })}
      />
      {body}
    </div>
  );
}
