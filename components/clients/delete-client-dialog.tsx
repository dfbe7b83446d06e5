"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { toast } from "sonner";
import { deleteClientAction } from "@/app/(dashboard)/servers/[slug]/clients/actions";
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
import { clientKeys } from "@/lib/queries/clients";
import { serverKeys } from "@/lib/queries/servers";
import { clientsListHref } from "./client-url";

/**
 * Irreversible, so the exact name must be typed (the server compares it again). Radix AlertDialog
 * gives Cancel the initial focus.
 */
export function DeleteClientDialog({ serverSlug, clientId, clientName }: { serverSlug: string; clientId: string; clientName: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [state, formAction, pending] = useActionState(deleteClientAction, null);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const matches = typed === clientName;

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      toast.success("Client deleted");
      void queryClient.invalidateQueries({ queryKey: clientKeys.server(serverSlug) });
      void queryClient.invalidateQueries({ queryKey: serverKeys.all });
      router.replace(clientsListHref(serverSlug));
    } else if (!state.fieldErrors?.confirmName) {
      toast.error(state.message);
    }
  }, [state, queryClient, router, serverSlug]);

  const nameErrors = state?.ok === false ? state.fieldErrors?.confirmName : undefined;

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        if (!next) setTyped("");
      }}
    >
      <AlertDialogTrigger asChild>
        <Button variant="destructive">Delete client</Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{`Delete “${clientName}”?`}</AlertDialogTitle>
          <AlertDialogDescription>
            Every access and refresh token issued to this client stops working, and every user&apos;s consent to it is removed. This
            cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <form
          action={formAction}
          onSubmit={(event) => (pending || !matches) && event.preventDefault()}
          className="grid gap-4"
          aria-busy={pending}
        >
          <input type="hidden" name="serverSlug" value={serverSlug} />
          <input type="hidden" name="clientId" value={clientId} />
          <FormField
            label={
              <span>
                Type <strong className="font-semibold break-all">{clientName}</strong> to confirm
              </span>
            }
            name="confirmName"
            id="delete-client-confirm"
            autoComplete="off"
            errors={nameErrors}
            inputProps={{ value: typed, onChange: (e) => setTyped(e.currentTarget.value), spellCheck: false }}
          />
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" disabled={!matches} aria-disabled={pending}>
              {pending ? "Deleting…" : "Delete client"}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
