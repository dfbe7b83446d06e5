"use client";

import { deleteWebhookAction } from "@/app/(dashboard)/settings/webhooks/actions";
import { ActionConfirmDialog } from "@/components/feedback/action-confirm-dialog";

export function DeleteWebhookDialog({ webhookId, url }: { webhookId: string; url: string }) {
  return (
    <ActionConfirmDialog
      triggerLabel="Delete"
      triggerTarget={`webhook ${url}`}
      title="Delete this webhook?"
      descriptionClassName="break-words"
      description={
        <>
          <span className="font-mono">{url}</span> stops receiving events immediately. Deliveries still waiting to be
          retried are dropped, and its delivery history is deleted. This cannot be undone.
        </>
      }
      fields={{ webhookId }}
      action={deleteWebhookAction}
      confirmLabel="Delete webhook"
      pendingLabel="Deleting…"
      successMessage="Webhook deleted"
    />
  );
}
