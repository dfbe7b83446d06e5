"use client";

import * as React from "react";
import { CheckIcon, CopyIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import type { ButtonProps } from "@/components/ui/button";

export type CopyButtonProps = Omit<ButtonProps, "value" | "children" | "asChild"> & {
  /** Text copied to the clipboard. */
  value: string;
  /** What is being copied; the accessible name is "Copy {label}". */
  label?: string;
  /** Optional visible text next to the icon (defaults to icon-only). */
  children?: React.ReactNode;
  /** Called after a successful copy. */
  onCopied?: () => void;
};

async function writeToClipboard(text: string): Promise<boolean> {
  try {
    if (typeof navigator !== "undefined" && navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  // Fallback for non-secure contexts (e.g. self-hosted over plain http).
  try {
    const textarea = document.createElement("textarea");
    textarea.value = text;
    textarea.setAttribute("readonly", "");
    textarea.style.position = "fixed";
    textarea.style.top = "-1000px";
    textarea.style.opacity = "0";
    document.body.appendChild(textarea);
    const previouslyFocused = document.activeElement as HTMLElement | null;
    textarea.select();
    const ok = document.execCommand("copy");
    document.body.removeChild(textarea);
    previouslyFocused?.focus();
    return ok;
  } catch {
    return false;
  }
}

export function CopyButton({
  value,
  label = "to clipboard",
  children,
  onCopied,
  onClick,
  className,
  variant = "ghost",
  size,
  type = "button",
  ...props
}: CopyButtonProps) {
  const [status, setStatus] = React.useState<"idle" | "copied" | "failed">("idle");
  const timeoutRef = React.useRef<ReturnType<typeof setTimeout> | null>(null);

  React.useEffect(() => {
    return () => {
      if (timeoutRef.current) clearTimeout(timeoutRef.current);
    };
  }, []);

  async function handleClick(event: React.MouseEvent<HTMLButtonElement>) {
    onClick?.(event);
    if (event.defaultPrevented) return;
    const ok = await writeToClipboard(value);
    setStatus(ok ? "copied" : "failed");
    if (ok) onCopied?.();
    if (timeoutRef.current) clearTimeout(timeoutRef.current);
    timeoutRef.current = setTimeout(() => setStatus("idle"), 2000);
  }

  const Icon = status === "copied" ? CheckIcon : CopyIcon;

  return (
    <>
      <Button
        type={type}
        variant={variant}
        size={size ?? (children ? "sm" : "icon")}
        aria-label={`Copy ${label}`}
        data-state={status}
        className={cn(!children && !size && "size-8", status === "copied" && "text-success", className)}
        onClick={handleClick}
        {...props}
      >
        <Icon aria-hidden="true" />
        {children}
      </Button>
      <span role="status" aria-live="polite" className="sr-only">
        {status === "copied" ? "Copied" : status === "failed" ? "Copy failed" : ""}
      </span>
    </>
  );
}
