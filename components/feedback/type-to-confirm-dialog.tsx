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
import { FormField } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/actions/action-result";

export interface TypeToConfirmDialogProps<T> {
  /** The button that opens the dialog. */
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  /** What must be typed exactly (the server compares it again, as `confirmName`). */
  name: string;
  /** The input's id, unique on the page. */
  inputId: string;
  /** Hidden fields submitted with the action (ids). */
  fields: Record<string, string>;
  action: (prev: null, form: FormData) => Promise<ActionResult<T>>;
  confirmLabel: string;
  pendingLabel: string;
  onDone: (data: T) => void;
}

/**
 * An irreversible action confirmed by typing a name (Radix gives Cancel the initial focus). The
 * result is handled where the action is awaited: the page may navigate or drop this dialog in the
 * same render that delivers it. A wrong name comes back as a message under the field.
 */
export function TypeToConfirmDialog<T>(p: TypeToConfirmDialogProps<T>) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [nameErrors, setNameErrors] = useState<string[] | undefined>();
  const [pending, startTransition] = useTransition();
  const matches = typed === p.name;

  function reset() {
    setTyped("");
    setNameErrors(undefined);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || !matches) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await p.action(null, form);
      if (result.ok) {
        setOpen(false);
        reset();
        p.onDone(result.data);
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
        if (!next) reset();
      }}
    >
      <AlertDialogTrigger asChild>{p.trigger}</AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{p.title}</AlertDialogTitle>
          <AlertDialogDescription>{p.description}</AlertDialogDescription>
        </AlertDialogHeader>
        <form onSubmit={onSubmit} className="grid gap-4" aria-busy={pending}>
          {Object.entries(p.fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <FormField
            label={
              <span>
                Type <strong className="font-semibold break-all">{p.name}</strong> to confirm
              </span>
            }
            name="confirmName"
            id={p.inputId}
            autoComplete="off"
            errors={nameErrors}
            inputProps={{ value: typed, onChange: (e) => setTyped(e.currentTarget.value), spellCheck: false }}
          />
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" disabled={!matches} aria-disabled={pending}>
              {pending ? p.pendingLabel : p.confirmLabel}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
