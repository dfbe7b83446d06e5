"use client";

import { useState, useTransition, type FormEvent, type ReactElement, type ReactNode } from "react";
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

/**
 * A confirmation for one server action on a server-rendered page: the trigger opens it, Cancel has
 * the initial focus (Radix AlertDialog), and the result is handled where the action is awaited, not
 * in an effect, because the revalidated page may drop the trigger's row in the same render.
 */
export function ConfirmActionDialog<T>({
  trigger,
  title,
  description,
  confirmLabel,
  pendingLabel,
  destructive = true,
  fields,
  action,
  successMessage,
}: {
  /** A button, rendered as the AlertDialog trigger. */
  trigger: ReactElement;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  destructive?: boolean;
  /** Hidden form fields; an array repeats the field. */
  fields: Record<string, string | readonly string[]>;
  action: (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;
  successMessage: (data: T) => string;
}) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await action(null, form).catch(() => null);
      if (result?.ok) {
        setOpen(false);
        toast.success(successMessage(result.data));
      } else {
        toast.error(result?.message ?? "Something went wrong. Check your connection and try again.");
      }
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <form onSubmit={onSubmit} aria-busy={pending}>
          {Object.entries(fields).flatMap(([name, value]) =>
            (typeof value === "string" ? [value] : value).map((v) => (
              <input key={`${name}=${v}`} type="hidden" name={name} value={v} />
            )),
          )}
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button type="submit" variant={destructive ? "destructive" : "default"} aria-disabled={pending}>
              {pending ? pendingLabel : confirmLabel}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
