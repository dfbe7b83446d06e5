"use client";

import { useState, useTransition, type FormEvent, type ReactNode } from "react";
import { toast } from "sonner";
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
import type { ActionResult } from "@/lib/actions/action-result";

export interface ActionConfirmDialogProps {
  /** The visible trigger text ("Revoke") and what it acts on, for screen readers ("API key CI"). */
  triggerLabel: string;
  triggerTarget: string;
  /** A full-size button instead of the row action's small one (the label above is then unused). */
  trigger?: ReactNode;
  title: string;
  description: ReactNode;
  descriptionClassName?: string;
  /** Hidden fields submitted with the action (ids). */
  fields: Record<string, string>;
  action: (prev: null, form: FormData) => Promise<ActionResult<unknown>>;
  confirmLabel: string;
  pendingLabel: string;
  successMessage: string;
}

/**
 * A destructive row action behind a confirm dialog (Radix gives Cancel the initial focus). The
 * result is handled where the action is awaited, not in an effect: a revalidated page may drop the
 * row, and this dialog with it, in the same render that delivers the result.
 */
export function ActionConfirmDialog(p: ActionConfirmDialogProps) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await p.action(null, form);
      if (result.ok) {
        setOpen(false);
        toast.success(p.successMessage);
      } else {
        toast.error(result.message);
      }
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        {p.trigger ?? (
          <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive">
            {p.triggerLabel}
            <span className="sr-only"> {p.triggerTarget}</span>
          </Button>
        )}
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{p.title}</AlertDialogTitle>
          <AlertDialogDescription className={p.descriptionClassName}>{p.description}</AlertDialogDescription>
        </AlertDialogHeader>
        <form onSubmit={onSubmit}>
          {Object.entries(p.fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" aria-disabled={pending}>
              {pending ? p.pendingLabel : p.confirmLabel}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
