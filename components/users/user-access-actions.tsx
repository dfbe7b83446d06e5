"use client";

import {
  revokeAllUserAccessAction,
  revokeUserConsentsAction,
  setUserDisabledAction,
} from "@/app/(dashboard)/users/[id]/actions";
import { ConfirmActionDialog } from "@/components/consents/confirm-action-dialog";
import { revocationEffect } from "@/components/consents/consent-url";
import { Button } from "@/components/ui/button";
import type { ConsentDto } from "@/lib/services";

const revokedMessage = ({ revoked }: { revoked: number }) =>
  revoked === 1 ? "Consent revoked" : `${revoked} consents revoked`;

/** "Revoke" on one row of a user's access. */
export function RevokeUserConsentButton({ consent }: { consent: ConsentDto }) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button type="button" variant="ghost" size="sm" className="text-destructive hover:text-destructive">
          Revoke<span className="sr-only"> access through {consent.client.name}</span>
        </Button>
      }
      title="Revoke consent?"
      description={`${consent.user.email} will lose access through ${consent.client.name} on ${consent.server.name}. ${revocationEffect(consent.server.statusListTtl)} Their next authorization will ask for consent again.`}
      confirmLabel="Revoke consent"
      pendingLabel="Revoking…"
      fields={{ userId: consent.user.id, consentId: consent.id }}
      action={revokeUserConsentsAction}
      successMessage={revokedMessage}
    />
  );
}

/** "Revoke all access": every consent of this person, on every MCP server. */
export function RevokeAllAccessButton({
  userId,
  email,
  count,
  statusListTtl,
}: {
  userId: string;
  email: string;
  count: number;
  statusListTtl: number;
}) {
  return (
    <ConfirmActionDialog
      trigger={
        <Button type="button" variant="destructive">
          Revoke all access
        </Button>
      }
      title={`Revoke all of ${email}'s access?`}
      description={
        <>
          Every app this person authorized loses access now: {count === 1 ? "1 consent" : `${count} consents`}, across
          all MCP servers. {revocationEffect(statusListTtl)} Use this when an employee leaves. Their account stays;
          disable it as well to block sign-in.
        </>
      }
      confirmLabel="Revoke all access"
      pendingLabel="Revoking…"
      fields={{ userId }}
      action={revokeAllUserAccessAction}
      successMessage={({ revoked }) =>
        revoked === 1 ? "Access revoked: 1 consent" : `Access revoked: ${revoked} consents`
      }
    />
  );
}

/** "Disable user" (confirmed: it cuts live tokens at once) or "Enable". */
export function UserStatusButton({ userId, email, disabled }: { userId: string; email: string; disabled: boolean }) {
  if (disabled) {
    // Distinct keys: the revalidated page swaps one for the other while the first one is closing.
    return (
      <ConfirmActionDialog
        key="enable"
        trigger={
          <Button type="button" variant="outline">
            Enable
          </Button>
        }
        title={`Enable ${email}?`}
        description="They can sign in again, and the apps they authorized can use and refresh their tokens again."
        confirmLabel="Enable user"
        pendingLabel="Enabling…"
        destructive={false}
        fields={{ userId, disabled: "false" }}
        action={setUserDisabledAction}
        successMessage={() => "User enabled"}
      />
    );
  }
  return (
    <ConfirmActionDialog
      key="disable"
      trigger={
        <Button type="button" variant="outline" className="text-destructive hover:text-destructive">
          Disable user
        </Button>
      }
      title={`Disable ${email}?`}
      description="This blocks sign-in and token refresh, and cuts their live tokens at once: Gatehouse's introspection endpoint and the demo MCP server refuse them now, and their sessions end. Their consents are kept, so enabling the account restores their apps' access."
      confirmLabel="Disable user"
      pendingLabel="Disabling…"
      fields={{ userId, disabled: "true" }}
      action={setUserDisabledAction}
      successMessage={() => "User disabled"}
    />
  );
}
