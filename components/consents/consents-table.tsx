"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { UserCheck } from "lucide-react";
import Link from "next/link";
import { useState, useTransition, type ReactNode } from "react";
import { toast } from "sonner";
import { revokeClientConsentsAction } from "@/app/(dashboard)/servers/[slug]/clients/[id]/consents/actions";
import { EmptyListState } from "@/components/data-table/list-empty-states";
import { CursorPager, PagedTable } from "@/components/data-table/paged-table";
import { QueryError } from "@/components/data-table/query-error";
import { useUrlFilter } from "@/components/data-table/use-url-filter";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { clientKeys } from "@/lib/queries/clients";
import { clientConsentsPageQuery, consentKeys, type ConsentListFilter } from "@/lib/queries/consents";
import type { ConsentDto } from "@/lib/services";
import { cn } from "@/lib/utils";
import { ConsentRowCells } from "./consent-row-cells";
import { clientConsentsHref } from "./consent-url";
import { ConsentsSearch } from "./consents-search";
import { CONSENT_COLUMNS, ConsentsTableSkeleton } from "./consents-table-skeleton";
import { RevokeAllConsentsDialog } from "./revoke-all-consents-dialog";
import { RevokeConsentsDialog } from "./revoke-consents-dialog";

// A fixed locale: the server render and the browser must print the same digits.
const count = new Intl.NumberFormat("en-US");

const NO_IDS: ReadonlySet<string> = new Set();

export interface ConsentsTableProps {
  slug: string;
  /** The client's row id ("cli_…"), as in the page's URL. */
  clientId: string;
  clientName: string;
  /** How many users consented in all (the client's consent count). */
  consentCount: number;
  /** The MCP server's status-list cache time in seconds, for "Revoke all consents". */
  statusListTtl: number;
  canRevoke: boolean;
  /** The URL state, parsed by the server page. */
  filter: ConsentListFilter;
}

/**
 * The Consents tab island. The filter is the URL state the server page parsed and prefetched,
 * so the prefetched page is reused. A revocation removes its rows from the cached page at once
 * and puts them back, with an error toast, if the server refuses.
 */
export function ConsentsTable({
  slug,
  clientId,
  clientName,
  consentCount,
  statusListTtl,
  canRevoke,
  filter: urlFilter,
}: ConsentsTableProps) {
  const { filter, navigate, isNavigating } = useUrlFilter(urlFilter, (next) =>
    clientConsentsHref(slug, clientId, next),
  );
  const pageQuery = clientConsentsPageQuery(slug, clientId, filter);
  const query = useQuery(pageQuery);
  const queryClient = useQueryClient();
  const [, startTransition] = useTransition();

  const pageHref = clientConsentsHref(slug, clientId, filter);
  const firstPageHref = clientConsentsHref(slug, clientId, { ...filter, cursor: undefined });

  // The selection belongs to one page of one search: it resets when the URL changes.
  const [selection, setSelection] = useState<{ page: string; ids: ReadonlySet<string> }>({
    page: pageHref,
    ids: NO_IDS,
  });
  const selectedIds = selection.page === pageHref ? selection.ids : NO_IDS;
  const setSelectedIds = (update: (ids: ReadonlySet<string>) => ReadonlySet<string>) =>
    setSelection((s) => ({ page: pageHref, ids: update(s.page === pageHref ? s.ids : NO_IDS) }));

  const [dialog, setDialog] = useState<{ open: boolean; targets: ConsentDto[] }>({ open: false, targets: [] });

  function invalidate() {
    void queryClient.invalidateQueries({ queryKey: consentKeys.client(slug, clientId) });
    void queryClient.invalidateQueries({ queryKey: clientKeys.server(slug) });
  }

  function revoke(targets: ConsentDto[]) {
    const ids = new Set(targets.map((c) => c.id));
    const key = pageQuery.queryKey;
    void queryClient.cancelQueries({ queryKey: key });
    const previous = queryClient.getQueryData(key);
    queryClient.setQueryData(key, (old) =>
      old ? { ...old, consents: old.consents.filter((c) => !ids.has(c.id)) } : old,
    );
    setSelectedIds((current) => new Set([...current].filter((id) => !ids.has(id))));

    const form = new FormData();
    form.set("serverSlug", slug);
    form.set("clientId", clientId);
    for (const id of ids) form.append("consentId", id);
    startTransition(async () => {
      const result = await revokeClientConsentsAction(null, form).catch(() => null);
      if (result?.ok) {
        toast.success(targets.length === 1 ? "Consent revoked" : `${targets.length} consents revoked`);
      } else {
        queryClient.setQueryData(key, previous);
        toast.error(result?.message ?? "The consent could not be revoked. Check your connection and try again.");
      }
      invalidate();
    });
  }

  function onAllRevoked() {
    queryClient.setQueryData(pageQuery.queryKey, (old) => (old ? { consents: [], nextCursor: null } : old));
    setSelectedIds(() => NO_IDS);
    invalidate();
  }

  let body: ReactNode;
  let selected: ConsentDto[] = [];
  if (query.isPending) {
    body = <ConsentsTableSkeleton />;
  } else if (query.isError) {
    body = <QueryError title="The consents could not be loaded." query={query} />;
  } else if (query.data.consents.length === 0) {
    body = (
      <EmptyListState
        noMatches={
          filter.q
            ? {
                title: `No consents match “${filter.q}”`,
                description: "Search by another part of the user's email address or name.",
                onClearFilters: () => navigate({}, { scroll: false }),
              }
            : null
        }
        pastLastPage={
          filter.cursor
            ? {
                icon: UserCheck,
                title: "No more consents",
                description: "You have reached the end of the list.",
                firstPageHref,
              }
            : null
        }
        empty={
          <EmptyState
            icon={UserCheck}
            title="No one has access through this client"
            description="When a user approves this client on the consent screen, their grant appears here with the scopes they granted. Revoked consents leave this list; the audit log keeps them."
          />
        }
      />
    );
  } else {
    const { consents, nextCursor } = query.data;
    selected = consents.filter((c) => selectedIds.has(c.id));
    const allSelected = selected.length === consents.length;
    body = (
      <PagedTable
        busy={isNavigating}
        pager={
          <CursorPager
            label="Consent pages"
            summary={
              filter.q
                ? `Showing ${count.format(consents.length)} matching ${consents.length === 1 ? "consent" : "consents"}${nextCursor ? " on this page" : ""}`
                : `Showing ${count.format(consents.length)} of ${count.format(Math.max(consentCount, consents.length))}`
            }
            firstPageHref={filter.cursor ? firstPageHref : undefined}
            onNext={nextCursor ? () => navigate({ ...filter, cursor: nextCursor }) : undefined}
          />
        }
      >
        <Table>
          <TableHeader>
            <TableRow>
              {canRevoke ? (
                <TableHead className="w-10">
                  <Checkbox
                    aria-label="Select all on this page"
                    checked={allSelected ? true : selected.length > 0 ? "indeterminate" : false}
                    onCheckedChange={(checked) =>
                      setSelectedIds(() => (checked === true ? new Set(consents.map((c) => c.id)) : NO_IDS))
                    }
                  />
                </TableHead>
              ) : null}
              {CONSENT_COLUMNS.map(({ header, headClassName }) => (
                <TableHead key={header} className={headClassName}>
                  {header}
                </TableHead>
              ))}
              {canRevoke ? (
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {consents.map((consent) => (
              <ConsentRow
                key={consent.id}
                consent={consent}
                canRevoke={canRevoke}
                isSelected={selectedIds.has(consent.id)}
                onSelect={(checked) =>
                  setSelectedIds((current) => {
                    const next = new Set(current);
                    if (checked) next.add(consent.id);
                    else next.delete(consent.id);
                    return next;
                  })
                }
                onRevoke={() => setDialog({ open: true, targets: [consent] })}
              />
            ))}
          </TableBody>
        </Table>
      </PagedTable>
    );
  }

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <ConsentsSearch key={firstPageHref} q={filter.q} onSearch={(q) => navigate({ q }, { scroll: false })} />
        {canRevoke ? (
          <div className="flex flex-wrap items-center gap-2">
            <Button
              type="button"
              variant="destructive"
              disabled={selected.length === 0}
              onClick={() => setDialog({ open: true, targets: selected })}
            >
              Revoke selected{selected.length > 0 ? ` (${selected.length})` : ""}
            </Button>
            <RevokeAllConsentsDialog
              serverSlug={slug}
              clientId={clientId}
              clientName={clientName}
              statusListTtl={statusListTtl}
              disabled={consentCount === 0 && !query.data?.consents.length}
              onRevoked={onAllRevoked}
            />
          </div>
        ) : null}
      </div>
      {body}
      <RevokeConsentsDialog
        open={dialog.open}
        targets={dialog.targets}
        clientName={clientName}
        onOpenChange={(open) => setDialog((d) => ({ ...d, open }))}
        onConfirm={revoke}
      />
    </div>
  );
}

function ConsentRow({
  consent,
  canRevoke,
  isSelected,
  onSelect,
  onRevoke,
}: {
  consent: ConsentDto;
  canRevoke: boolean;
  isSelected: boolean;
  onSelect: (checked: boolean) => void;
  onRevoke: () => void;
}) {
  const { user } = consent;
  return (
    <TableRow data-state={isSelected ? "selected" : undefined}>
      {canRevoke ? (
        <TableCell>
          <Checkbox
            aria-label={`Select ${user.email}`}
            checked={isSelected}
            onCheckedChange={(checked) => onSelect(checked === true)}
          />
        </TableCell>
      ) : null}
      <TableCell>
        <div className="flex max-w-60 min-w-0 flex-col">
          <span className="flex min-w-0 items-center gap-2">
            {user.name ? (
              <span className="truncate font-medium">{user.name}</span>
            ) : (
              <UserLink user={user} className="font-medium" />
            )}
            {user.disabled ? <Badge variant="secondary">Disabled</Badge> : null}
          </span>
          {user.name ? <UserLink user={user} className="text-muted-foreground" /> : null}
        </div>
      </TableCell>
      <ConsentRowCells consent={consent} scopesClassName="max-w-64 min-w-40" />
      {canRevoke ? (
        <TableCell className="text-right">
          <Button
            type="button"
            variant="ghost"
            size="sm"
            className="text-destructive hover:text-destructive"
            onClick={onRevoke}
          >
            Revoke<span className="sr-only"> consent of {user.email}</span>
          </Button>
        </TableCell>
      ) : null}
    </TableRow>
  );
}

/** The user's email, linking to their page (all their access, across MCP servers). */
function UserLink({ user, className }: { user: ConsentDto["user"]; className?: string }) {
  return (
    <Link href={`/users/${user.id}`} className={cn("truncate text-sm hover:underline", className)} title={user.email}>
      {user.email}
    </Link>
  );
}
