import Link from "next/link";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { FLOW_LABELS } from "@/lib/schemas/client-list";
import type { ClientDto } from "@/lib/services";
import { cn } from "@/lib/utils";
import { ApproveClientButton, RejectClientButton } from "./approval-actions";
import { ClientAvatar, ClientTypeBadge, RegistrationBadge, StatusBadge } from "./client-badges";
import { clientHref, clientTabsFor, clientsListHref, type ClientTabSegment } from "./client-url";

/** Breadcrumb, title and section links shared by every client page (each section has its own URL). */
export function ClientPageShell({
  server,
  client,
  current,
  approval,
  children,
}: {
  server: { slug: string; name: string };
  client: ClientDto;
  current: ClientTabSegment;
  /** What the viewer may do about a client awaiting approval (buttons are left out otherwise). */
  approval?: { canApprove: boolean; canReject: boolean };
  children: ReactNode;
}) {
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-1.5 text-sm text-muted-foreground">
          <li>
            <Link href={`/servers/${server.slug}`} className="hover:text-foreground">
              {server.name}
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li>
            <Link href={clientsListHref(server.slug)} className="hover:text-foreground">
              Clients
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="min-w-0 max-w-full truncate text-foreground" title={client.name}>
            {client.name}
          </li>
        </ol>
      </nav>
      <PageHeader
        className="pb-0"
        title={
          <span className="flex items-center gap-3">
            <ClientAvatar name={client.name} logoUri={client.logoUri} />
            <span className="min-w-0 wrap-anywhere">{client.name}</span>
          </span>
        }
        description={
          <span className="mt-1 flex flex-wrap items-center gap-2">
            <RegistrationBadge registration={client.registration} />
            <ClientTypeBadge isConfidential={client.isConfidential} />
            <span>{FLOW_LABELS[client.flow]}</span>
            <StatusBadge status={client.status} />
          </span>
        }
      />
      {client.approvalStatus === "PENDING" && (
        <div
          role="status"
          className="flex flex-wrap items-center gap-3 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm"
        >
          <span className="flex-1">
            <strong>Pending approval.</strong> This client registered itself; users who try to authorize it see that it
            awaits an administrator&apos;s approval.
          </span>
          {approval?.canApprove && <ApproveClientButton serverSlug={server.slug} client={client} />}
          {approval?.canReject && <RejectClientButton serverSlug={server.slug} client={client} />}
        </div>
      )}
      <nav aria-label="Client sections" className="flex gap-1 overflow-x-auto border-b">
        {clientTabsFor(client).map((t) => (
          <Link
            key={t.segment}
            href={clientHref(server.slug, client.id, t.segment)}
            aria-current={t.segment === current ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-muted-foreground hover:text-foreground",
              t.segment === current && "border-primary text-foreground",
            )}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
