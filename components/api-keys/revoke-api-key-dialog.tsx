"use client";

import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { revokeApiKeyAction } from "@/app/(dashboard)/settings/api-keys/actions";
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

/**
 * Confirms revoking a key. Radix AlertDialog gives Cancel the initial focus. The result is handled
 * where the action is awaited, not in an effect: the revalidated page drops this row's button (the
 * key is no longer active) in the same render that delivers the result.
 */
export function RevokeApiKeyDialog({ keyId, name }: { keyId: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await revokeApiKeyAction(null, form);
      if (result.ok) {
        setOpen(false);
        toast.success(`API key “${name}” revoked`);
      } else {
        toast.error(result.message);
      }
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive">
          Revoke<span className="sr-only"> {name}</span>
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{`Revoke “${name}”?`}</AlertDialogTitle>
          <AlertDialogDescription>Requests with this key will fail with 401 immediately. This cannot be undone.</AlertDialogDescription>
        </AlertDialogHeader>
        <form onSubmit={onSubmit}>
          <input type="hidden" name="keyId" value={keyId} />
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" aria-disabled={pending}>
              {pending ? "Revoking…" : "Revoke key"}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
