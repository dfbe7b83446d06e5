import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteProviderForm, TestConnection } from "@/components/identity/provider-list";
import { ProviderForm } from "@/components/identity/provider-form";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { getIdentityProvider, listServers, NotFoundError } from "@/lib/services";
import { updateProviderAction } from "../actions";

export const metadata: Metadata = { title: "Identity provider" };

export default async function IdentityProviderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requireStaff(`/settings/identity-providers/${id}`, "settings.write");
  const provider = await getIdentityProvider({ ctx, input: { providerId: id } }).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const servers = (await listServers({ ctx })).map((s) => ({ id: s.id, name: s.name }));
  return (
    <div className="grid gap-6">
      <PageHeader title={provider.label} description={provider.issuer} />
      <section className="grid gap-2 rounded-md border p-4">
        <h2 className="font-medium">Redirect URI</h2>
        <p className="text-sm text-muted-foreground">Copy this into the application you registered at the IdP.</p>
        <div className="flex items-center gap-2">
          <code className="font-mono text-sm" data-testid="callback-url">
            {provider.callbackUrl}
          </code>
          <CopyButton value={provider.callbackUrl} label="redirect URI" />
        </div>
      </section>
      <TestConnection providerId={provider.id} />
      <ProviderForm action={updateProviderAction} provider={provider} servers={servers} />
      <p className="text-sm">
        <Link className="underline" href={`/settings/identity-providers/${provider.id}/scim`}>
          SCIM provisioning tokens
        </Link>{" "}
        let this IdP create and deprovision users.
      </p>
      <DeleteProviderForm providerId={provider.id} label={provider.label} />
    </div>
  );
}
