import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { Bot } from "lucide-react";
import type { Metadata } from "next";
import { ClientPageShell } from "@/components/clients/client-page-shell";
import { showsConsents } from "@/components/clients/client-url";
import { ConsentsTable } from "@/components/consents/consents-table";
import { lastValues, type RawSearchParams } from "@/components/data-table/search-params";
import { EmptyState } from "@/components/ui/empty-state";
import { hasPermission } from "@/lib/auth/permissions";
import { clientConsentsPageQuery } from "@/lib/queries/consents";
import { ConsentListFilter } from "@/lib/schemas/consent-list";
import { makeQueryClient } from "@/lib/queries/query-client";
import { listClientConsents } from "@/lib/services";
import { loadClient } from "../load-client";

export const metadata: Metadata = { title: "Client consents" };

export default async function ClientConsentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { slug, id } = await params;
  const { user, ctx, server, client } = await loadClient(slug, id, "/consents");

  if (!showsConsents(client)) {
    return (
      <ClientPageShell server={server} client={client} current="/consents">
        <EmptyState
          icon={Bot}
          title="This client has no user consents"
          description="It uses the client-credentials flow: it acts on its own behalf, not for users, so no user is ever asked to consent to it."
        />
      </ClientPageShell>
    );
  }

  // The URL is the state: parsed here, and handed to the island.
  const filter = ConsentListFilter.parse(lastValues(await searchParams));
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({
    ...clientConsentsPageQuery(server.slug, client.id, filter),
    queryFn: () => listClientConsents({ ctx, serverSlug: server.slug, clientId: client.id, input: filter }),
  });

  return (
    <ClientPageShell server={server} client={client} current="/consents">
      <p className="text-sm text-muted-foreground">
        Everyone who allowed {client.name} to act on their behalf on {server.name}. Revoking a consent ends that
        user&apos;s access through this client; their next authorization asks again.
      </p>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ConsentsTable
          slug={server.slug}
          clientId={client.id}
          clientName={client.name}
          consentCount={client.consentCount}
          statusListTtl={server.statusListTtl}
          canRevoke={hasPermission(user.role, "consents.revoke")}
          filter={filter}
        />
      </HydrationBoundary>
    </ClientPageShell>
  );
}
