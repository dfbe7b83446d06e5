import type { Metadata } from "next";
import Link from "next/link";
import { LocalPasswordsForm, ProviderTable } from "@/components/identity/provider-list";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { getLocalPasswordsForEndUsers, listIdentityProviders } from "@/lib/services";

export const metadata: Metadata = { title: "Identity providers" };

export default async function IdentityProvidersPage() {
  const { ctx } = await requireStaff("/settings/identity-providers", "settings.write");
  const [providers, localPasswords] = await Promise.all([
    listIdentityProviders({ ctx }),
    getLocalPasswordsForEndUsers(ctx),
  ]);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Identity providers"
        description="Let people sign in with your organisation's OpenID Connect provider (Entra ID, Okta, Google Workspace, Auth0, Keycloak…). See docs/sso.md."
        actions={
          <Button asChild>
            <Link href="/settings/identity-providers/new">Add provider</Link>
          </Button>
        }
      />
      <ProviderTable providers={providers} />
      <LocalPasswordsForm enabled={localPasswords} />
    </div>
  );
}
