"use client";

import { revokeMyAppAction } from "@/app/account/apps/actions";
import { Button } from "@/components/ui/button";
import type { ConsentDto } from "@/lib/services";
import { ConfirmActionDialog } from "./confirm-action-dialog";
import { formatRevocationBound } from "./consent-url";

/** "Revoke access" on one of the signed-in user's authorized apps. */
export function RevokeMyAppButton({ app }: { app: ConsentDto }) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button type="button" variant="outline" size="sm" className="text-destructive hover:text-destructive">
          Revoke access<span className="sr-only"> of {app.client.name}</span>
        </Button>
      }
      title={`Revoke access of ${app.client.name}?`}
      description={`${app.client.name} will no longer be able to act on your behalf on ${app.server.name}. Its tokens stop working now (services that check them on their own notice within ${formatRevocationBound(app.server.statusListTtl)}), and if you use it again it will ask for your permission again.`}
      confirmLabel="Revoke access"
      pendingLabel="Revoking…"
      fields={{ consentId: app.id }}
      action={revokeMyAppAction}
      successMessage={({ clientName }) => `Access revoked for ${clientName}`}
    />
  );
}
