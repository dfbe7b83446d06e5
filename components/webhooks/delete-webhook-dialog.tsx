"use client";

import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { deleteWebhookAction } from "@/app/(dashboard)/settings/webhooks/actions";
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
 * Confirms deleting a webhook endpoint. Radix AlertDialog gives Cancel the initial focus. The result
 * is handled where the action is awaited, not in an effect: the revalidated page drops this row
 * (and the dialog with it) in the same render that delivers the result.
 */
export function DeleteWebhookDialog({ webhookId, url }: { webhookId: string; url: string }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await deleteWebhookAction(null, form);
      if (result.ok) {
        setOpen(false);
        toast.success("Webhook deleted");
      } else {
        toast.error(result.message);
      }
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive">
          Delete<span className="sr-only"> webhook {url}</span>
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete this webhook?</AlertDialogTitle>
          <AlertDialogDescription className="break-words">
            <span className="font-mono">{url}</span> stops receiving events immediately. Deliveries still waiting to be retried are
            dropped, and its delivery history is deleted. This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <form onSubmit={onSubmit}>
          <input type="hidden" name="webhookId" value={webhookId} />
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" aria-disabled={pending}>
              {pending ? "Deleting…" : "Delete webhook"}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
