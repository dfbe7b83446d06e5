"use client";

import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { resetUserPasswordAction } from "@/app/(dashboard)/users/[id]/actions";
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

/**
 * "Reset password": confirm, then the new temporary password once. It lives only in this
 * component's state, which goes when the dialog closes.
 */
export function ResetPasswordDialog({
  userId,
  email,
  scimProvider,
}: {
  userId: string;
  email: string;
  scimProvider: string | null;
}) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await resetUserPasswordAction(null, form).catch(() => null);
      if (result?.ok) setPassword(result.data.temporaryPassword);
      else toast.error(result?.message ?? "Something went wrong. Check your connection and try again.");
    });
  }

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (!next && pending) return;
        setOpen(next);
        if (!next) setPassword(null);
      }}
    >
      <AlertDialogTrigger asChild>
        <Button type="button" variant="outline">
          Reset password
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        {password ? (
          <>
            <AlertDialogHeader>
              <AlertDialogTitle>Password reset</AlertDialogTitle>
              <AlertDialogDescription>
                Temporary password for {email}. They must choose their own at their next sign-in.
              </AlertDialogDescription>
            </AlertDialogHeader>
            <SecretReveal secret={password} copyLabel="temporary password">
              <p className="text-sm text-muted-foreground">Share it privately. It will not be shown again.</p>
            </SecretReveal>
            <AlertDialogFooter>
              <AlertDialogCancel>Done</AlertDialogCancel>
            </AlertDialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4">
            <input type="hidden" name="userId" value={userId} />
            <AlertDialogHeader>
              <AlertDialogTitle>Reset {email}&apos;s password?</AlertDialogTitle>
              <AlertDialogDescription>
                Their current password stops working and they are signed out of the dashboard everywhere. You get a
                temporary password to pass on; they must replace it at their next sign-in. Authorized apps keep working.
              </AlertDialogDescription>
            </AlertDialogHeader>
            {scimProvider ? (
              <p role="note" className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
                This user is managed by {scimProvider} through SCIM: the identity provider may overwrite manual changes.
              </p>
            ) : null}
            <AlertDialogFooter>
              <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
              <Button type="submit" variant="destructive" aria-disabled={pending}>
                {pending ? "Resetting…" : "Reset password"}
              </Button>
            </AlertDialogFooter>
          </form>
        )}
      </AlertDialogContent>
    </AlertDialog>
  );
}
