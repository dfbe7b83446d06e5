import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ClientsTable } from "@/components/clients/clients-table";
import { NewClientButton } from "@/components/clients/new-client-button";
import { lastValues, type RawSearchParams } from "@/components/data-table/search-params";
import { ServerTabs } from "@/components/servers/server-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { clientsPageQuery } from "@/lib/queries/clients";
import { makeQueryClient } from "@/lib/queries/query-client";
import { ClientListFilter } from "@/lib/schemas/clients";
import { listClients } from "@/lib/services";
import { loadServer } from "../load-server";

export const metadata: Metadata = { title: "Clients" };

export default async function ClientsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { slug } = await params;
  // The URL is the state: parsed here, and handed to the island.
  const filter = ClientListFilter.parse(lastValues(await searchParams));
  const { user, ctx, server } = await loadServer(slug, `/servers/${slug}/clients`);
  const canCreate = hasPermission(user.role, "clients.write");

  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({
    ...clientsPageQuery(server.slug, filter),
    queryFn: () => listClients({ ctx, serverSlug: server.slug, input: filter }),
  });

  return (
    <div className="space-y-6">
      <PageHeader
        title={server.name}
        description="Clients: the apps and agents that may get tokens for this MCP server."
        actions={canCreate ? <NewClientButton slug={server.slug} /> : undefined}
      />
      <ServerTabs slug={server.slug} current="/clients" />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ClientsTable
          slug={server.slug}
          canCreate={canCreate}
          canDelete={hasPermission(user.role, "clients.delete")}
          canApprove={hasPermission(user.role, "clients.write")}
          filter={filter}
        />
      </HydrationBoundary>
    </div>
  );
}
