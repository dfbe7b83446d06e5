"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect, useState } from "react";
import { toast } from "sonner";
import { removeMemberAction } from "@/app/(dashboard)/members/actions";
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
import { memberKeys } from "@/lib/queries/members";

/** Confirms removing a staff member. Radix AlertDialog gives Cancel the initial focus. */
export function RemoveMemberDialog({ userId, email, isSelf }: { userId: string; email: string; isSelf: boolean }) {
  const queryClient = useQueryClient();
  const [state, formAction, pending] = useActionState(removeMemberAction, null);
  const [open, setOpen] = useState(false);

  // Close on success, adjusting state while rendering rather than in an effect.
  const [handled, setHandled] = useState(state);
  if (state !== handled) {
    setHandled(state);
    if (state?.ok) setOpen(false);
  }

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      toast.success("Member removed");
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
    } else {
      toast.error(state.message);
    }
  }, [state, queryClient]);

  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive">
          Remove<span className="sr-only"> {email}</span>
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{`Remove ${email} from the staff?`}</AlertDialogTitle>
          <AlertDialogDescription>
            They lose access to this dashboard immediately and are signed out of it. They keep their account and the
            apps they authorized.{isSelf ? " This is you: you will be signed out now." : ""}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <form action={formAction} onSubmit={(event) => pending && event.preventDefault()}>
          <input type="hidden" name="userId" value={userId} />
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" aria-disabled={pending}>
              {pending ? "Removing…" : "Remove member"}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
