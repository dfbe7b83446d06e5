import type { Metadata } from "next";
import Link from "next/link";
import { CreateInitialAccessTokenForm } from "@/components/servers/create-initial-access-token-form";
import { InitialAccessTokensTable } from "@/components/servers/initial-access-tokens-table";
import { ServerTabs } from "@/components/servers/server-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { DCR_MODE_LABELS } from "@/lib/schemas/dcr-policy";
import { listInitialAccessTokens } from "@/lib/services";
import { loadServer } from "../../load-server";

export const metadata: Metadata = { title: "Initial access tokens" };

export default async function ServerRegistrationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, ctx, server } = await loadServer(slug, `/servers/${slug}/settings/registration`);
  const canEdit = hasPermission(user.role, "servers.write");
  const tokens = await listInitialAccessTokens({ ctx, serverSlug: server.slug });
  return (
    <div className="space-y-6">
      <PageHeader
        title={server.name}
        description={
          <>
            Initial access tokens: a client must send one (
            <code className="font-mono">Authorization: Bearer ghi_…</code>) to register itself while registration is “
            {DCR_MODE_LABELS.TOKEN}” (RFC 7591 §3).
          </>
        }
      />
      <ServerTabs slug={server.slug} current="/settings" />
      <p className="text-sm">
        <Link href={`/servers/${server.slug}/settings`} className="underline">
          ← Settings
        </Link>
      </p>
      {server.dcrMode !== "TOKEN" && (
        <p role="note" className="rounded-md border border-warning/40 bg-warning/10 p-3 text-sm">
          Registration on this server is currently “{DCR_MODE_LABELS[server.dcrMode]}”: tokens are checked only while it
          is “{DCR_MODE_LABELS.TOKEN}”. Change it in{" "}
          <Link href={`/servers/${server.slug}/settings`} className="underline">
            Settings
          </Link>
          .
        </p>
      )}
      {canEdit && <CreateInitialAccessTokenForm serverSlug={server.slug} />}
      <InitialAccessTokensTable serverSlug={server.slug} tokens={tokens} canEdit={canEdit} />
    </div>
  );
}
