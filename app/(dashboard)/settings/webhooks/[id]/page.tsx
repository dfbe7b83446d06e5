import { SendIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { RefreshButton } from "@/components/webhooks/refresh-button";
import { WebhookEventBadges } from "@/components/webhooks/webhooks-table";
import { requireStaff } from "@/lib/auth/session";
import { listDeliveries, listWebhooks } from "@/lib/services";

export const metadata: Metadata = { title: "Webhook deliveries" };

const RECENT = 50;

export default async function WebhookDeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await requireStaff(`/settings/webhooks/${encodeURIComponent(id)}`, "settings.write");
  // There are few endpoints: the list is the lookup, and an unknown id is a 404.
  const webhook = (await listWebhooks({ ctx })).find((w) => w.id === id);
  if (!webhook) notFound();
  const deliveries = await listDeliveries({ ctx, webhookId: webhook.id, limit: RECENT });

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-1.5 text-sm text-muted-foreground">
          <li>
            <Link href="/settings/webhooks" className="hover:text-foreground">
              Webhooks
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="min-w-0 truncate font-mono text-foreground">
            {webhook.url}
          </li>
        </ol>
      </nav>
      <PageHeader
        className="pb-0"
        title="Deliveries"
        description={
          <>
            <span className="font-mono break-all text-foreground">{webhook.url}</span>
            {webhook.description ? ` · ${webhook.description}` : null}
            <br />
            {`The ${RECENT} most recent deliveries, newest first. A retry updates its delivery's row; Redeliver sends the same event again as a new delivery.`}
          </>
        }
        actions={<RefreshButton />}
      />
      <WebhookEventBadges events={webhook.events} />
      {deliveries.length > 0 ? (
        <DeliveriesTable deliveries={deliveries} />
      ) : (
        <EmptyState
          icon={SendIcon}
          title="No deliveries yet"
          description="A delivery appears here each time one of this endpoint's events happens. Events from before the endpoint was added are not sent."
        />
      )}
    </div>
  );
}
