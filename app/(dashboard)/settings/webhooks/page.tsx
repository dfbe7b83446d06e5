import { WebhookIcon } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CreateWebhookButton, CreateWebhookDialogProvider } from "@/components/webhooks/create-webhook-dialog";
import { WebhookSignatureDocs } from "@/components/webhooks/webhook-signature-docs";
import { WebhooksTable } from "@/components/webhooks/webhooks-table";
import { requireStaff } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/services";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const { ctx } = await requireStaff("/settings/webhooks", "settings.write");
  const webhooks = await listWebhooks({ ctx });

  return (
    <CreateWebhookDialogProvider>
      <div className="space-y-8">
        <div>
          <PageHeader
            title="Webhooks"
            description={
              <>
                Gatehouse POSTs signed JSON events to your URL when clients register or are deleted, consents are
                granted or revoked, a refresh token is reused, or a user is disabled. Check each delivery&apos;s{" "}
                <code className="font-mono">Gatehouse-Signature</code> header: see the signature format below.
              </>
            }
            actions={<CreateWebhookButton />}
          />
          {webhooks.length > 0 ? (
            <WebhooksTable webhooks={webhooks} />
          ) : (
            <EmptyState
              icon={WebhookIcon}
              title="No webhooks yet"
              description="Add an endpoint to have security events such as refresh-token reuse or revoked consents sent to your SIEM, chat or automation."
              action={<CreateWebhookButton variant="outline" />}
            />
          )}
        </div>
        <WebhookSignatureDocs />
      </div>
    </CreateWebhookDialogProvider>
  );
}
