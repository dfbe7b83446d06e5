"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronRight, FilterX, KeyRound, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useTransition, type ReactNode } from "react";
import { LocalTime } from "@/components/audit/local-time";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { clientsPageQuery } from "@/lib/queries/clients";
import { ClientListFilter, FLOW_LABELS } from "@/lib/schemas/clients";
import type { ClientDto } from "@/lib/services";
import { cn } from "@/lib/utils";
import { ClientAvatar, RegistrationBadge, StatusBadge } from "./client-badges";
import { clientHref, clientsListHref, hasActiveFilters } from "./client-url";
import { ClientsFilters } from "./clients-filters";
import { CLIENT_COLUMNS, ClientsTableSkeleton } from "./clients-table-skeleton";

// A fixed locale: the server render and the browser must print the same digits.
const count = new Intl.NumberFormat("en-US");

/**
 * The Clients list island. The filter comes from the URL, parsed exactly as the server page
 * parses it, so the prefetched page is reused; every filter, sort or page change is a navigation.
 */
export function ClientsTable({ slug, canCreate }: { slug: string; canCreate: boolean }) {
  const searchParams = useSearchParams();
  const filter = useMemo(() => ClientListFilter.parse(Object.fromEntries(searchParams)), [searchParams]);
  const router = useRouter();
  const [isNavigating, startTransition] = useTransition();
  const query = useQuery(clientsPageQuery(slug, filter));

  const isFiltered = hasActiveFilters(filter);
  function navigate(next: ClientListFilter, options?: { scroll?: boolean }) {
    startTransition(() => router.push(clientsListHref(slug, next), options));
  }
  const clearFilters = () => navigate(ClientListFilter.parse({ sort: filter.sort }), { scroll: false });
  const firstPageHref = clientsListHref(slug, { ...filter, cursor: undefined });

  let body: ReactNode;
  if (query.isPending) {
    body = <ClientsTableSkeleton />;
  } else if (query.isError) {
    body = (
      <div role="alert" className="grid justify-items-start gap-3 rounded-lg border border-destructive/40 p-6">
        <p className="font-medium">The clients could not be loaded.</p>
        <p className="text-sm text-muted-foreground">{query.error.message} Try again in a moment.</p>
        <Button type="button" variant="outline" onClick={() => void query.refetch()} disabled={query.isFetching}>
          Try again
        </Button>
      </div>
    );
  } else if (query.data.clients.length === 0) {
    body = isFiltered ? (
      <EmptyState
        icon={FilterX}
        title="No clients match these filters"
        description="Try another search, or widen the type, flow or status."
        action={
          <Button type="button" variant="outline" onClick={clearFilters}>
            Clear filters
          </Button>
        }
      />
    ) : filter.cursor ? (
      <EmptyState
        icon={KeyRound}
        title="No more clients"
        description="You have reached the end of the list."
        action={
          <Button asChild variant="outline">
            <Link href={firstPageHref}>First page</Link>
          </Button>
        }
      />
    ) : (
      <EmptyState
        icon={KeyRound}
        title="No clients yet"
        description="Pre-register an app here, or let MCP clients register themselves (DCR or CIMD) in the server's settings."
        action={
          canCreate ? (
            <Button asChild>
              <Link href={`/servers/${slug}/clients/new`}>
                <Plus aria-hidden /> New client
              </Link>
            </Button>
          ) : undefined
        }
      />
    );
  } else {
    const { clients, nextCursor, total, totalIsCapped } = query.data;
    body = (
      <div className="grid gap-3">
        <div className={cn("rounded-lg border transition-opacity", isNavigating && "opacity-60")} aria-busy={isNavigating || undefined}>
          <Table>
            <TableHeader>
              <TableRow>
                {CLIENT_COLUMNS.map((c) => (
                  <TableHead key={c} className={c === "Consents" ? "text-right" : undefined}>
                    {c}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {clients.map((client) => (
                <ClientRow key={client.id} slug={slug} client={client} />
              ))}
            </TableBody>
          </Table>
        </div>
        <nav aria-label="Client pages" className="flex flex-wrap items-center justify-between gap-3">
          <p role="status" className="text-sm text-muted-foreground">
            Showing {count.format(clients.length)} of {count.format(total)}
            {totalIsCapped ? "+" : ""}
          </p>
          <div className="flex gap-2">
            {filter.cursor ? (
              <Button asChild variant="outline" size="sm">
                <Link href={firstPageHref}>First page</Link>
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
      <ClientsFilters key={clientsListHref(slug, { ...filter, cursor: undefined })} filter={filter} onApply={(next) => navigate(next, { scroll: false })} />
      {body}
    </div>
  );
}

function ClientRow({ slug, client }: { slug: string; client: ClientDto }) {
  return (
    <TableRow>
      <TableCell className="max-w-64">
        <div className="flex items-center gap-2">
          <ClientAvatar name={client.name} logoUri={client.logoUri} />
          <Link href={clientHref(slug, client.id)} className="truncate font-medium hover:underline" title={client.name}>
            {client.name}
          </Link>
        </div>
      </TableCell>
      <TableCell>
        <div className="flex items-center gap-1">
          <code className="max-w-56 truncate font-mono text-xs" title={client.clientId}>
            {client.clientId}
          </code>
          <CopyButton value={client.clientId} label={`client ID of ${client.name}`} className="size-7" />
        </div>
      </TableCell>
      <TableCell>
        <RegistrationBadge registration={client.registration} />
      </TableCell>
      <TableCell className="whitespace-nowrap">{FLOW_LABELS[client.flow]}</TableCell>
      <TableCell className="text-right tabular-nums">{count.format(client.consentCount)}</TableCell>
      <TableCell>{client.lastUsedAt ? <LocalTime iso={client.lastUsedAt} /> : <span className="text-muted-foreground">Never</span>}</TableCell>
      <TableCell>
        <LocalTime iso={client.createdAt} />
      </TableCell>
      <TableCell>
        <StatusBadge status={client.status} />
      </TableCell>
    </TableRow>
  );
}
