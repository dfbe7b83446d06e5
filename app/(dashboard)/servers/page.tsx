import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { NewServerButton } from "@/components/servers/new-server-button";
import { ServersTable } from "@/components/servers/servers-table";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { makeQueryClient } from "@/lib/queries/query-client";
import { serversListQuery } from "@/lib/queries/servers";
import { listServers } from "@/lib/services";

export const metadata: Metadata = { title: "MCP servers" };

export default async function ServersPage() {
  const { user, ctx } = await requireStaff("/servers", "servers.read");
  const canCreate = hasPermission(user.role, "servers.write");
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({
    ...serversListQuery(),
    queryFn: async () => ({ servers: await listServers({ ctx }) }),
  });
  return (
    <div className="space-y-6">
      <PageHeader
        title="MCP servers"
        description="Each MCP server has its own issuer, clients, scopes and consents."
        actions={canCreate ? <NewServerButton /> : undefined}
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ServersTable canCreate={canCreate} />
      </HydrationBoundary>
    </div>
  );
}
