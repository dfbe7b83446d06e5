"use client";

import { revokeApiKeyAction } from "@/app/(dashboard)/settings/api-keys/actions";
import { ActionConfirmDialog } from "@/components/feedback/action-confirm-dialog";

export function RevokeApiKeyDialog({ keyId, name }: { keyId: string; name: string }) {
  return (
    <ActionConfirmDialog
      triggerLabel="Revoke"
      triggerTarget={name}
      title={`Revoke “${name}”?`}
      description="Requests with this key will fail with 401 immediately. This cannot be undone."
      fields={{ keyId }}
      action={revokeApiKeyAction}
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      successMessage={`API key “${name}” revoked`}
    />
  );
}
