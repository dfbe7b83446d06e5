"use client";

import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { revokeAllClientConsentsAction } from "@/app/(dashboard)/servers/[slug]/clients/[id]/consents/actions";
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
import { FormField } from "@/components/ui/form-field";
import { revocationEffect } from "./consent-url";

/**
 * "Revoke all consents" of a client: every user must authorize again, so the client's exact name
 * must be typed (the server compares it again). Radix AlertDialog gives Cancel the initial focus.
 */
export function RevokeAllConsentsDialog({
  serverSlug,
  clientId,
  clientName,
  accessTokenTtl,
  disabled,
  onRevoked,
}: {
  serverSlug: string;
  clientId: string;
  clientName: string;
  accessTokenTtl: number;
  disabled?: boolean;
  onRevoked: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [nameErrors, setNameErrors] = useState<string[] | undefined>();
  const [pending, startTransition] = useTransition();
  const matches = typed === clientName;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || !matches) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await revokeAllClientConsentsAction(null, form);
      if (result.ok) {
        setOpen(false);
        setTyped("");
        setNameErrors(undefined);
        onRevoked();
        toast.success(result.data.revoked === 1 ? "1 consent revoked" : `${result.data.revoked} consents revoked`);
      } else if (result.fieldErrors?.confirmName) {
        setNameErrors(result.fieldErrors.confirmName);
      } else {
        toast.error(result.message);
      }
    });
  }

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        if (!next) {
          setTyped("");
          setNameErrors(undefined);
        }
      }}
    >
      <AlertDialogTrigger asChild>
        <Button type="button" variant="outline" className="text-destructive hover:text-destructive" disabled={disabled}>
          Revoke all consents
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{`Revoke all consents to “${clientName}”?`}</AlertDialogTitle>
          <AlertDialogDescription>
            Every user who authorized {clientName} loses access through it. {revocationEffect(accessTokenTtl)} Each of them will be asked for
            consent again at their next authorization.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <form onSubmit={onSubmit} className="grid gap-4" aria-busy={pending}>
          <input type="hidden" name="serverSlug" value={serverSlug} />
          <input type="hidden" name="clientId" value={clientId} />
          <FormField
            label={
              <span>
                Type <strong className="font-semibold break-all">{clientName}</strong> to confirm
              </span>
            }
            name="confirmName"
            id="revoke-all-consents-confirm"
            autoComplete="off"
            errors={nameErrors}
            inputProps={{ value: typed, onChange: (e) => setTyped(e.currentTarget.value), spellCheck: false }}
          />
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" disabled={!matches} aria-disabled={pending}>
              {pending ? "Revoking…" : "Revoke all consents"}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
