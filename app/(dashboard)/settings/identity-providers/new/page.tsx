import type { Metadata } from "next";
import { ProviderForm } from "@/components/identity/provider-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { listServers } from "@/lib/services";
import { createProviderAction } from "../actions";

export const metadata: Metadata = { title: "Add identity provider" };

export default async function NewIdentityProviderPage() {
  const { ctx } = await requireStaff("/settings/identity-providers/new", "settings.write");
  const servers = (await listServers({ ctx })).map((s) => ({ id: s.id, name: s.name }));
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Add identity provider"
        description="Register Gatehouse at your IdP first (docs/sso.md): the redirect URI is shown on the next page and is /api/identity/{slug}/callback on this server."
      />
      <ProviderForm action={createProviderAction} servers={servers} />
    </div>
  );
}
