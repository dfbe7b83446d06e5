"use client";

import {
  createContext,
  use,
  useCallback,
  useEffect,
  useRef,
  useState,
  type ComponentType,
  type ReactNode,
} from "react";
import { SecretReveal } from "@/components/feedback/secret-reveal";
import { Button, type ButtonProps } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";

/** While saving, the dialog cannot be closed; once the secret shows, only explicitly. */
export type SecretDialogLock = "saving" | "secret" | null;

const OpenContext = createContext<((opener: HTMLElement) => void) | null>(null);

/**
 * Holds a page's one "create something and show its secret once" dialog (API key, webhook), which
 * several buttons open. It sits above the list, so the dialog (and the secret in its action state)
 * survives the list re-rendering from empty to filled when the action revalidates the page.
 * `marker` is the data attribute of the header button focus returns to when the opener is gone.
 */
export function OneTimeSecretDialogProvider({
  marker,
  form,
  children,
}: {
  marker: string;
  /** The dialog's content: the form, then the one-time view; it reports its lock. */
  form: (onLockChange: (lock: SecretDialogLock) => void) => ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [lock, setLock] = useState<SecretDialogLock>(null);
  const opener = useRef<HTMLElement | null>(null);
  const openFrom = useCallback((element: HTMLElement) => {
    opener.current = element;
    setOpen(true);
  }, []);

  return (
    <OpenContext value={openFrom}>
      {children}
      <Dialog
        open={open}
        onOpenChange={(next) => {
          // Closing mid-save would drop the result, and with it the only copy of the secret.
          if (!next && lock === "saving") return;
          setOpen(next);
          if (!next) setLock(null);
        }}
      >
        <DialogContent
          onInteractOutside={(event) => lock && event.preventDefault()}
          onCloseAutoFocus={(event) => {
            // No Radix trigger: return focus to the button that opened the dialog, or, when that one
            // left with the empty state, to the one in the page header.
            event.preventDefault();
            const target = opener.current?.isConnected
              ? opener.current
              : document.querySelector<HTMLElement>(`[${marker}]`);
            target?.focus();
          }}
        >
          {/* Content unmounts on close, so the action state (and the secret in it) goes with it. */}
          {form(setLock)}
        </DialogContent>
      </Dialog>
    </OpenContext>
  );
}

/** Opens the page's dialog; use inside OneTimeSecretDialogProvider with the same marker. */
export function OneTimeSecretDialogButton({
  marker,
  icon: Icon,
  children,
  ...props
}: Omit<ButtonProps, "onClick" | "type"> & { marker: string; icon: ComponentType<{ "aria-hidden"?: "true" }> }) {
  const open = use(OpenContext);
  return (
    <Button
      type="button"
      {...{ [marker]: "" }}
      aria-haspopup="dialog"
      {...props}
      onClick={(event) => open?.(event.currentTarget)}
    >
      <Icon aria-hidden="true" />
      {children}
    </Button>
  );
}

/** Reports the form's lock to the provider: saving, then showing the secret. */
export function useSecretDialogLock(
  pending: boolean,
  created: boolean,
  onLockChange: (lock: SecretDialogLock) => void,
): void {
  const lock: SecretDialogLock = pending ? "saving" : created ? "secret" : null;
  useEffect(() => onLockChange(lock), [lock, onLockChange]);
}

/** The one-time view: the secret lives only here, in the action state. */
export function OneTimeSecretView({
  title,
  description,
  descriptionClassName,
  secret,
  copyLabel,
  children,
}: {
  title: string;
  description: string;
  descriptionClassName?: string;
  secret: string;
  copyLabel: string;
  children: ReactNode;
}) {
  return (
    <>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription className={descriptionClassName}>{description}</DialogDescription>
      </DialogHeader>
      <SecretReveal secret={secret} copyLabel={copyLabel}>
        {children}
      </SecretReveal>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button">Done</Button>
        </DialogClose>
      </DialogFooter>
    </>
  );
}
