"use client";

import { useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { disableClientAction, enableClientAction } from "@/app/(dashboard)/servers/[slug]/clients/actions";
import { ActionConfirmDialog } from "@/components/feedback/action-confirm-dialog";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import type { ClientDto } from "@/lib/services";

/**
 * Disabling ends every user's access at once, so it is confirmed and says so; enabling gives
 * access back and is one click (the audit log records who and when either way).
 */
export function ClientStatusForm({ serverSlug, client }: { serverSlug: string; client: ClientDto }) {
  if (client.status === "active") return <DisableClientDialog serverSlug={serverSlug} client={client} />;
  return <EnableClientForm serverSlug={serverSlug} client={client} />;
}

function DisableClientDialog({ serverSlug, client }: { serverSlug: string; client: ClientDto }) {
  return (
    <ActionConfirmDialog
      trigger={<Button variant="outline">Disable client</Button>}
      triggerLabel="Disable client"
      triggerTarget={client.name}
      title={`Disable “${client.name}”?`}
      descriptionClassName="wrap-anywhere"
      description={
        <>
          Every user&apos;s tokens for this client stop working at once: Gatehouse refuses its access tokens and refresh
          tokens, and nobody can authorize it (MCP servers that verify tokens themselves see it through the token status
          list within seconds). Nothing is deleted: you can enable it again, and access comes back.
        </>
      }
      fields={{ serverSlug, clientId: client.id }}
      action={disableClientAction}
      confirmLabel="Disable client"
      pendingLabel="Disabling…"
      successMessage="Client disabled"
    />
  );
}

/**
 * The result is handled where the action is awaited, not in an effect: the revalidated page swaps
 * this form for the Disable dialog in the same render that delivers the result.
 */
function EnableClientForm({ serverSlug, client }: { serverSlug: string; client: ClientDto }) {
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await enableClientAction(null, form);
      if (result.ok) toast.success("Client enabled");
      else toast.error(result.message);
    });
  }

  return (
    <form onSubmit={onSubmit}>
      <input type="hidden" name="serverSlug" value={serverSlug} />
      <input type="hidden" name="clientId" value={client.id} />
      <SubmitButton pending={pending}>Enable client</SubmitButton>
    </form>
  );
}
