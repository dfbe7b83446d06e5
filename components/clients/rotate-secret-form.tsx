"use client";

import { useActionState, useEffect, useState } from "react";
import { toast } from "sonner";
import { rotateClientSecretAction } from "@/app/(dashboard)/servers/[slug]/clients/actions";
import { SecretReveal } from "@/components/feedback/secret-reveal";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { SECRET_GRACE_LABELS, SECRET_GRACE_PERIODS, type SecretGracePeriod } from "@/lib/schemas/clients";

const GRACE_OPTIONS = Object.keys(SECRET_GRACE_PERIODS) as SecretGracePeriod[];

const GRACE_CONSEQUENCE: Record<SecretGracePeriod, string> = {
  none: "The current secret stops working immediately: anything still using it fails until it gets the new one.",
  "1h": "The current secret keeps working for 1 hour, then stops.",
  "24h": "The current secret keeps working for 24 hours, then stops.",
  "7d": "The current secret keeps working for 7 days, then stops.",
};

/**
 * Rotates a client's secret. Each rotation mounts a fresh flow (the `key`), so once its one-time
 * dialog is closed the new secret is dropped from memory along with that flow's action state.
 */
export function RotateSecretForm({
  serverSlug,
  clientId,
  clientName,
}: {
  serverSlug: string;
  clientId: string;
  clientName: string;
}) {
  const [round, setRound] = useState(0);
  return (
    <RotateSecretFlow
      key={round}
      serverSlug={serverSlug}
      clientId={clientId}
      clientName={clientName}
      onDone={() => setRound((r) => r + 1)}
    />
  );
}

function RotateSecretFlow({
  serverSlug,
  clientId,
  clientName,
  onDone,
}: {
  serverSlug: string;
  clientId: string;
  clientName: string;
  onDone: () => void;
}) {
  const [state, formAction, pending] = useActionState(rotateClientSecretAction, null);
  const [grace, setGrace] = useState<SecretGracePeriod>("none");
  const [confirmOpen, setConfirmOpen] = useState(false);

  // Close the confirmation once the action answers, adjusting state while rendering.
  const [handled, setHandled] = useState(state);
  if (state !== handled) {
    setHandled(state);
    setConfirmOpen(false);
  }

  useEffect(() => {
    if (state?.ok === false) toast.error(state.message);
  }, [state]);

  return (
    <div className="grid gap-4">
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">After rotating, the previous secret…</legend>
        {GRACE_OPTIONS.map((option) => (
          <label key={option} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="gracePeriodChoice"
              value={option}
              checked={grace === option}
              onChange={() => setGrace(option)}
              className="size-4 accent-primary"
            />
            {SECRET_GRACE_LABELS[option]}
          </label>
        ))}
      </fieldset>
      <div>
        <AlertDialog open={confirmOpen} onOpenChange={(next) => !pending && setConfirmOpen(next)}>
          <AlertDialogTrigger asChild>
            <Button type="button" variant="outline">
              Rotate secret
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>{`Rotate the secret of “${clientName}”?`}</AlertDialogTitle>
              <AlertDialogDescription>
                A new secret is issued and shown once. {GRACE_CONSEQUENCE[grace]}
              </AlertDialogDescription>
            </AlertDialogHeader>
            <form action={formAction} onSubmit={(event) => pending && event.preventDefault()}>
              <input type="hidden" name="serverSlug" value={serverSlug} />
              <input type="hidden" name="clientId" value={clientId} />
              <input type="hidden" name="gracePeriod" value={grace} />
              <AlertDialogFooter>
                <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
                <Button type="submit" aria-disabled={pending}>
                  {pending ? "Rotating…" : "Rotate secret"}
                </Button>
              </AlertDialogFooter>
            </form>
          </AlertDialogContent>
        </AlertDialog>
      </div>
      {state?.ok ? (
        <Dialog open onOpenChange={(open) => !open && onDone()}>
          <DialogContent onInteractOutside={(event) => event.preventDefault()}>
            <DialogHeader>
              <DialogTitle>New client secret</DialogTitle>
              <DialogDescription>Update the secret wherever “{clientName}” is deployed.</DialogDescription>
            </DialogHeader>
            <SecretReveal label="Client secret" secret={state.data.clientSecret} />
            <DialogFooter>
              <Button type="button" onClick={onDone}>
                Done
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      ) : null}
    </div>
  );
}
