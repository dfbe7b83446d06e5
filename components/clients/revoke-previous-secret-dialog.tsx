"use client";

import { revokePreviousSecretAction } from "@/app/(dashboard)/servers/[slug]/clients/actions";
import { ActionConfirmDialog } from "@/components/feedback/action-confirm-dialog";
import { Button } from "@/components/ui/button";

/** Ends a rotation's grace period early: anything still using the old secret fails from now on. */
export function RevokePreviousSecretDialog({
  serverSlug,
  client,
}: {
  serverSlug: string;
  client: { id: string; name: string; previousSecretLast4: string };
}) {
  return (
    <ActionConfirmDialog
      trigger={
        <Button variant="outline" size="sm">
          Revoke previous secret now
        </Button>
      }
      triggerLabel="Revoke previous secret now"
      triggerTarget={client.name}
      title="Revoke the previous secret now?"
      description={
        <>
          The previous secret (…{client.previousSecretLast4}) stops working at once instead of at the end of its grace
          period: anything still using it gets invalid_client until it has the current secret.
        </>
      }
      fields={{ serverSlug, clientId: client.id }}
      action={revokePreviousSecretAction}
      confirmLabel="Revoke previous secret"
      pendingLabel="Revoking…"
      successMessage="Previous secret revoked"
    />
  );
}
