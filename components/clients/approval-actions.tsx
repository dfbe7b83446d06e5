"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { approveClientAction, deleteClientsAction } from "@/app/(dashboard)/servers/[slug]/clients/actions";
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
import { Button, type ButtonProps } from "@/components/ui/button";
import { clientKeys } from "@/lib/queries/clients";
import { serverKeys } from "@/lib/queries/servers";
import { clientsListHref } from "./client-url";

/** Approves a DCR client awaiting approval: from then on users can authorize it. */
export function ApproveClientButton({
  serverSlug,
  client,
  size = "sm",
}: {
  serverSlug: string;
  client: { id: string; name: string };
  size?: ButtonProps["size"];
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await approveClientAction(null, form);
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      toast.success(`“${client.name}” approved`);
      await queryClient.invalidateQueries({ queryKey: clientKeys.server(serverSlug) });
      router.refresh();
    });
  }
  return (
    <form onSubmit={onSubmit} className="inline">
      <input type="hidden" name="serverSlug" value={serverSlug} />
      <input type="hidden" name="clientId" value={client.id} />
      <Button type="submit" size={size} variant="outline" aria-disabled={pending}>
        {pending ? "Approving…" : "Approve"}
        <span className="sr-only"> {client.name}</span>
      </Button>
    </form>
  );
}

/** Rejecting a client awaiting approval deletes it (a confirm first); then back to the list. */
export function RejectClientButton({
  serverSlug,
  client,
}: {
  serverSlug: string;
  client: { id: string; name: string };
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
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
      toast.success(`“${client.name}” rejected and deleted`);
      void queryClient.invalidateQueries({ queryKey: clientKeys.server(serverSlug) });
      void queryClient.invalidateQueries({ queryKey: serverKeys.all });
      router.replace(clientsListHref(serverSlug));
    });
  }
  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive">
          Reject
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{`Reject “${client.name}”?`}</AlertDialogTitle>
          <AlertDialogDescription>
            The client is deleted. If the application registers again, it appears here again, awaiting approval.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <form onSubmit={onSubmit}>
          <input type="hidden" name="serverSlug" value={serverSlug} />
          <input type="hidden" name="clientId" value={client.id} />
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" aria-disabled={pending}>
              {pending ? "Rejecting…" : "Reject and delete"}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
