"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { deleteClientsAction } from "@/app/(dashboard)/servers/[slug]/clients/actions";
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
import { clientKeys } from "@/lib/queries/clients";
import { serverKeys } from "@/lib/queries/servers";

const LISTED = 10;

/**
 * "Delete selected" on the Clients list: names what breaks and asks once (Cancel has the initial
 * focus). One audit event per deleted client. Typing names is for single deletes; a bulk delete is
 * confirmed by the list of names and the count on the button.
 */
export function BulkDeleteClientsDialog({
  serverSlug,
  clients,
  onDeleted,
}: {
  serverSlug: string;
  clients: { id: string; name: string }[];
  onDeleted: () => void;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const n = clients.length;
  const noun = n === 1 ? "client" : "clients";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await deleteClientsAction(null, form);
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      setOpen(false);
      onDeleted();
      toast.success(`Deleted ${result.data.deleted} ${result.data.deleted === 1 ? "client" : "clients"}`);
      await queryClient.invalidateQueries({ queryKey: clientKeys.server(serverSlug) });
      void queryClient.invalidateQueries({ queryKey: serverKeys.all });
      router.refresh();
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button variant="destructive" size="sm" disabled={n === 0}>
          Delete selected{n > 0 ? ` (${n})` : ""}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{`Delete ${n} ${noun}?`}</AlertDialogTitle>
          <AlertDialogDescription>
            Every access and refresh token issued to {n === 1 ? "it" : "them"} stops working, and every user&apos;s
            consent to {n === 1 ? "it" : "them"} is removed. This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <ul className="grid max-h-48 gap-1 overflow-y-auto text-sm">
          {clients.slice(0, LISTED).map((c) => (
            <li key={c.id} className="truncate">
              {c.name}
            </li>
          ))}
          {n > LISTED && <li className="text-muted-foreground">and {n - LISTED} more</li>}
        </ul>
        <form onSubmit={onSubmit}>
          <input type="hidden" name="serverSlug" value={serverSlug} />
          {clients.map((c) => (
            <input key={c.id} type="hidden" name="clientId" value={c.id} />
          ))}
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" aria-disabled={pending}>
              {pending ? "Deleting…" : `Delete ${n} ${noun}`}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
