"use client";

import { useState, type ReactElement, type ReactNode } from "react";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";

/** While saving, the dialog cannot be closed; once the one-time secret shows, only explicitly. */
export type SecretLock = "saving" | "secret" | null;

/**
 * A dialog whose form ends in a one-time secret (temporary password, invite link). Closing mid-save
 * would drop the result and with it the only copy; the content unmounts on close, so the action
 * state holding the secret goes with it.
 */
export function SecretDialog({
  trigger,
  children,
}: {
  trigger: ReactElement;
  children: (onLockChange: (lock: SecretLock) => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [lock, setLock] = useState<SecretLock>(null);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next && lock === "saving") return;
        setOpen(next);
        if (!next) setLock(null);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent onInteractOutside={(event) => lock && event.preventDefault()}>{children(setLock)}</DialogContent>
    </Dialog>
  );
}
