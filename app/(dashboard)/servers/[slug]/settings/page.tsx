import type { Metadata } from "next";
import Link from "next/link";
import { DeleteServerSection } from "@/components/servers/delete-server-section";
import { ServerSettingsSections } from "@/components/servers/server-settings-sections";
import { ServerTabs } from "@/components/servers/server-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { getServerFootprint } from "@/lib/services";
import { updateServerSectionAction } from "../../actions";
import { loadServer } from "../load-server";

export const metadata: Metadata = { title: "MCP server settings" };

export default async function ServerSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, ctx, server } = await loadServer(slug, `/servers/${slug}/settings`);
  const canEdit = hasPermission(user.role, "servers.write");
  return (
    <div className="space-y-6">
      <PageHeader title={server.name} description="Settings" />
      <ServerTabs slug={server.slug} current="/settings" />
      <p className="text-sm text-muted-foreground">
        Protected registration:{" "}
        <Link href={`/servers/${server.slug}/settings/registration`} className="font-medium text-foreground underline">
          Initial access tokens
        </Link>
      </p>
      {canEdit ? (
        <ServerSettingsSections action={updateServerSectionAction} server={server} />
      ) : (
        <p className="text-sm text-muted-foreground">Your role can view this MCP server but not change its settings.</p>
      )}
      <DeleteServerSection
        server={server}
        footprint={await getServerFootprint({ ctx, slug: server.slug })}
        canDelete={canEdit}
      />
    </div>
  );
}
