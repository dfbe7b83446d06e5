import { KeyRoundIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ApiKeysTable } from "@/components/api-keys/api-keys-table";
import { CreateApiKeyButton, CreateApiKeyDialogProvider } from "@/components/api-keys/create-api-key-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/services";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { user, ctx } = await requireStaff("/settings/api-keys", "apikeys.write");
  // requireStaff has already sent anyone without apikeys.write away; VIEWER only satisfies the type.
  const role = user.role ?? "VIEWER";
  const keys = await listApiKeys({ ctx });
  const now = new Date();

  return (
    <CreateApiKeyDialogProvider viewerRole={role}>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys for scripts and CI to call the admin API at <code className="font-mono">/api/v1</code>: send{" "}
            <code className="font-mono">Authorization: Bearer gha_…</code>. A key can do what its role allows. Every
            endpoint is in the{" "}
            <Link className="underline" href="/api-reference">
              API reference
            </Link>
            .
          </>
        }
        actions={<CreateApiKeyButton />}
      />
      {keys.length > 0 ? (
        <ApiKeysTable keys={keys} now={now} />
      ) : (
        <EmptyState
          icon={KeyRoundIcon}
          title="No API keys yet"
          description="Create a key for each script or CI job that calls the admin API, so you can revoke one without breaking the others."
          action={<CreateApiKeyButton variant="outline" />}
        />
      )}
    </CreateApiKeyDialogProvider>
  );
}
