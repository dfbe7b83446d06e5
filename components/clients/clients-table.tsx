"use client";

import { useQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { EmptyListState } from "@/components/data-table/list-empty-states";
import { CursorPager, PagedTable } from "@/components/data-table/paged-table";
import { QueryError } from "@/components/data-table/query-error";
import { useUrlFilter } from "@/components/data-table/use-url-filter";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { clientsPageQuery } from "@/lib/queries/clients";
import { cn } from "@/lib/utils";
import { FLOW_LABELS, type ClientListFilter } from "@/lib/schemas/client-list";
import type { ClientDto } from "@/lib/services";
import { ClientAvatar, clientTypeLabel, RegistrationBadge, StatusBadge } from "./client-badges";
import { clientHref, clientsListHref, hasActiveFilters } from "./client-url";
import { ClientsFilters } from "./clients-filters";
import { ApproveClientButton } from "./approval-actions";
import { BulkDeleteClientsDialog } from "./bulk-delete-clients-dialog";
import { CLIENT_COLUMN_CLASS, CLIENT_COLUMNS, ClientsTableSkeleton } from "./clients-table-skeleton";
import { NewClientButton } from "./new-client-button";

// A fixed locale: the server render and the browser must print the same digits.
const count = new Intl.NumberFormat("en-US");

/**
 * The Clients list island. The filter is the URL state the server page parsed and prefetched, so
 * the prefetched page is reused; every filter, sort or page change is a navigation.
 */
export function ClientsTable({
  slug,
  canCreate,
  canDelete = false,
  canApprove = false,
  filter: urlFilter,
}: {
  slug: string;
  canCreate: boolean;
  canDelete?: boolean;
  canApprove?: boolean;
  filter: ClientListFilter;
}) {
  const { filter, navigate, isNavigating } = useUrlFilter(urlFilter, (next) => clientsListHref(slug, next));
  const query = useQuery(clientsPageQuery(slug, filter));
  // Row ids ticked for "Delete selected"; only rows of the page on screen count.
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set());

  const isFiltered = hasActiveFilters(filter);
  const clearFilters = () => navigate({ sort: filter.sort }, { scroll: false });
  const firstPageHref = clientsListHref(slug, { ...filter, cursor: undefined });

  let body: ReactNode;
  if (query.isPending) {
    body = <ClientsTableSkeleton />;
  } else if (query.isError) {
    body = <QueryError title="The clients could not be loaded." query={query} />;
  } else if (query.data.clients.length === 0) {
    body = (
      <EmptyListState
        noMatches={
          isFiltered
            ? {
                title: "No clients match these filters",
                description: "Try another search, or widen the type, flow or status.",
                onClearFilters: clearFilters,
              }
            : null
        }
        pastLastPage={
          filter.cursor
            ? {
                icon: KeyRound,
                title: "No more clients",
                description: "You have reached the end of the list.",
                firstPageHref,
              }
            : null
        }
        empty={
          <EmptyState
            icon={KeyRound}
            title="No clients yet"
            description="Pre-register an app here, or let MCP clients register themselves (DCR or CIMD) in the server's settings."
            action={canCreate ? <NewClientButton slug={slug} /> : undefined}
          />
        }
      />
    );
  } else {
    const { clients, nextCursor, total, totalIsCapped } = query.data;
    const selected = clients.filter((c) => ticked.has(c.id));
    const allTicked = selected.length === clients.length;
    const toggle = (id: string, on: boolean) =>
      setTicked((prev) => {
        const next = new Set(prev);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      });
    body = (
      <div className="grid gap-2">
        {canDelete && (
          <div className="flex flex-wrap items-center gap-3">
            <BulkDeleteClientsDialog
              serverSlug={slug}
              clients={selected.map((c) => ({ id: c.id, name: c.name }))}
              onDeleted={() => setTicked(new Set())}
            />
            <span className="text-sm text-muted-foreground" aria-live="polite">
              {selected.length === 0 ? "Tick clients to delete several at once." : `${selected.length} selected`}
            </span>
          </div>
        )}
        <PagedTable
          busy={isNavigating}
          pager={
            <CursorPager
              label="Client pages"
              summary={
                <>
                  Showing {count.format(clients.length)} of {count.format(total)}
                  {totalIsCapped ? "+" : ""}
                </>
              }
              firstPageHref={filter.cursor ? firstPageHref : undefined}
              onNext={nextCursor ? () => navigate({ ...filter, cursor: nextCursor }) : undefined}
            />
          }
        >
          <Table>
            <TableHeader>
              <TableRow>
                {canDelete && (
                  <TableHead className="w-8">
                    <input
                      type="checkbox"
                      aria-label="Select all clients on this page"
                      checked={allTicked}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setTicked(on ? new Set(clients.map((c) => c.id)) : new Set());
                      }}
                      className="size-4 accent-primary"
                    />
                  </TableHead>
                )}
                {CLIENT_COLUMNS.map(({ header, headClassName }) => (
                  <TableHead key={header} className={headClassName}>
                    {header}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {clients.map((client) => (
                <ClientRow
                  key={client.id}
                  slug={slug}
                  client={client}
                  canApprove={canApprove}
                  selection={
                    canDelete ? { checked: ticked.has(client.id), onChange: (on) => toggle(client.id, on) } : undefined
                  }
                />
              ))}
            </TableBody>
          </Table>
        </PagedTable>
      </div>
    );
  }

  return (
    <div className="grid gap-4">
      <ClientsFilters key={firstPageHref} filter={filter} onApply={(next) => navigate(next, { scroll: false })} />
      {body}
    </div>
  );
}

/** A CIMD client is vouched for by the host serving its document: the list names it (CIMD-01 §6.4). */
function metadataHost(clientId: string): string {
  try {
    return new URL(clientId).host;
  } catch {
    return clientId;
  }
}

function ClientRow({
  slug,
  client,
  canApprove,
  selection,
}: {
  slug: string;
  client: ClientDto;
  canApprove: boolean;
  selection?: { checked: boolean; onChange: (on: boolean) => void };
}) {
  const pending = client.approvalStatus === "PENDING";
  return (
    <TableRow data-state={selection?.checked ? "selected" : undefined}>
      {selection && (
        <TableCell>
          <input
            type="checkbox"
            aria-label={`Select ${client.name}`}
            checked={selection.checked}
            onChange={(e) => selection.onChange(e.currentTarget.checked)}
            className="size-4 accent-primary"
          />
        </TableCell>
      )}
      <TableCell>
        {/* The column people scan: it takes the room the others leave (never less than its minimum),
            and a long name truncates with the full name on hover. */}
        <div className="flex min-w-40 items-center gap-2 sm:min-w-56 xl:min-w-64">
          <ClientAvatar name={client.name} logoUri={client.logoUri} />
          <div className="grid min-w-0 flex-1">
            <Link
              href={clientHref(slug, client.id)}
              className="truncate font-medium hover:underline"
              title={client.name}
              data-testid="client-name"
            >
              {client.name}
            </Link>
            <div className="flex min-w-0 items-center gap-1 text-muted-foreground">
              <code className="truncate font-mono text-xs" title={client.clientId}>
                {client.registration === "METADATA_DOCUMENT" ? metadataHost(client.clientId) : client.clientId}
              </code>
              <CopyButton value={client.clientId} label={`client ID of ${client.name}`} className="size-6 shrink-0" />
            </div>
          </div>
        </div>
      </TableCell>
      <TableCell className={CLIENT_COLUMN_CLASS.registration}>
        <div className="grid justify-items-start gap-1">
          <RegistrationBadge registration={client.registration} />
          <span className="text-xs whitespace-nowrap text-muted-foreground">
            {FLOW_LABELS[client.flow]} · {clientTypeLabel(client.isConfidential)}
          </span>
        </div>
      </TableCell>
      <TableCell className={cn(CLIENT_COLUMN_CLASS.consents, "tabular-nums")}>
        {count.format(client.consentCount)}
      </TableCell>
      <TableCell className={CLIENT_COLUMN_CLASS.lastUsed}>
        {client.lastUsedAt ? (
          <LocalTime iso={client.lastUsedAt} relative />
        ) : (
          <span className="text-muted-foreground">Never</span>
        )}
      </TableCell>
      <TableCell className={CLIENT_COLUMN_CLASS.created}>
        <LocalTime iso={client.createdAt} relative />
      </TableCell>
      <TableCell>
        {pending && client.status === "active" ? (
          <div className="flex flex-wrap items-center gap-2">
            <Badge variant="warning">Pending approval</Badge>
            {canApprove && <ApproveClientButton serverSlug={slug} client={client} />}
          </div>
        ) : (
          <StatusBadge status={client.status} />
        )}
      </TableCell>
    </TableRow>
  );
}
