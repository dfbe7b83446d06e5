import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateScimToken, ScimTokensTable } from "@/components/identity/scim-tokens";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { scimBaseUrl } from "@/lib/api/scim-route";
import { requireStaff } from "@/lib/auth/session";
import { getIdentityProvider, listScimTokens, NotFoundError } from "@/lib/services";

export const metadata: Metadata = { title: "SCIM provisioning" };

export default async function ScimPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requireStaff(`/settings/identity-providers/${id}/scim`, "settings.write");
  const provider = await getIdentityProvider({ ctx, input: { providerId: id } }).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const tokens = await listScimTokens({ ctx, providerId: id });
  const baseUrl = scimBaseUrl();
  return (
    <div className="grid gap-6">
      <PageHeader
        title={`SCIM provisioning · ${provider.label}`}
        description={`${provider.label} creates, updates and deprovisions users here (SCIM 2.0). Deactivating or deleting a user in ${provider.label} disables them in Gatehouse and revokes every consent and token at once. See docs/scim.md.`}
      />
      <section className="grid gap-2 rounded-md border p-4">
        <h2 className="font-medium">SCIM base URL</h2>
        <p className="text-sm text-muted-foreground">
          Enter this as the tenant URL (Entra ID) or SCIM connector base URL (Okta), with &ldquo;HTTP header / Bearer
          token&rdquo; authentication.
        </p>
        <div className="flex items-center gap-2">
          <code className="font-mono text-sm" data-testid="scim-base-url">
            {baseUrl}
          </code>
          <CopyButton value={baseUrl} label="SCIM base URL" />
        </div>
      </section>
      <CreateScimToken providerId={provider.id} />
      <ScimTokensTable providerId={provider.id} tokens={tokens} />
    </div>
  );
}
