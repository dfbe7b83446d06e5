"use client";

import { toast } from "sonner";
import { revokeAllClientConsentsAction } from "@/app/(dashboard)/servers/[slug]/clients/[id]/consents/actions";
import { TypeToConfirmDialog } from "@/components/feedback/type-to-confirm-dialog";
import { Button } from "@/components/ui/button";
import { revocationEffect } from "./consent-url";

/** "Revoke all consents" of a client: every user must authorize again, so the client's exact name must be typed. */
export function RevokeAllConsentsDialog({
  serverSlug,
  clientId,
  clientName,
  statusListTtl,
  disabled,
  onRevoked,
}: {
  serverSlug: string;
  clientId: string;
  clientName: string;
  statusListTtl: number;
  disabled?: boolean;
  onRevoked: () => void;
}) {
  return (
    <TypeToConfirmDialog
      trigger={
        <Button type="button" variant="outline" className="text-destructive hover:text-destructive" disabled={disabled}>
          Revoke all consents
        </Button>
      }
      title={`Revoke all consents to “${clientName}”?`}
      description={
        <>
          Every user who authorized {clientName} loses access through it. {revocationEffect(statusListTtl)} Each of them
          will be asked for consent again at their next authorization.
        </>
      }
      name={clientName}
      inputId="revoke-all-consents-confirm"
      fields={{ serverSlug, clientId }}
      action={revokeAllClientConsentsAction}
      confirmLabel="Revoke all consents"
      pendingLabel="Revoking…"
      onDone={(data) => {
        onRevoked();
        toast.success(data.revoked === 1 ? "1 consent revoked" : `${data.revoked} consents revoked`);
      }}
    />
  );
}
