"use client";

import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** A value in a box with its copy button; the button is named "Copy {copyLabel}". */
function ValueBox({ value, copyLabel, autoFocus }: { value: string; copyLabel: string; autoFocus?: boolean }) {
  return (
    <div className="flex items-center gap-2 rounded-md border bg-muted px-3 py-2">
      <code className="min-w-0 flex-1 font-mono text-sm break-all">{value}</code>
      <CopyButton value={value} label={copyLabel} autoFocus={autoFocus} />
    </div>
  );
}

/** A value shown in full with a copy button (client IDs, one-time secrets, URLs). */
export function CopyableValue({ label, value, autoFocus }: { label: string; value: string; autoFocus?: boolean }) {
  return (
    <div className="grid gap-1.5">
      <span className="text-sm font-medium">{label}</span>
      <ValueBox value={value} copyLabel={label.toLowerCase()} autoFocus={autoFocus} />
    </div>
  );
}

type SecretRevealProps = {
  secret: string;
  /** The "will not be shown again" notice, when the default one does not fit. */
  children?: ReactNode;
} &
  // A visible label above the value (the copy button is "Copy {label in lower case}"), or none
  // and the copy button's own name ("Copy {copyLabel}") when the dialog already names the secret.
  ({ label: string; copyLabel?: never } | { label?: never; copyLabel: string });

/**
 * A one-time secret (client secret, API key, temporary password), focused on its copy button. It
 * lives only in the component state that renders it (never a URL, a toast, a log or the query
 * cache); the caller drops that state when the dialog closes.
 */

export function SecretReveal({ secret, label, copyLabel, children }: SecretRevealProps) {
  return (
    <div className="grid gap-2">
      {label !== undefined ? (
        <CopyableValue label={label} value={secret} autoFocus />
      ) : (
        <ValueBox value={secret} copyLabel={copyLabel} autoFocus />
      )}
      {children ?? (
        <p className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
          This secret will not be shown again. Store it now, e.g. in your deployment&apos;s secret manager.
        </p>
      )}
    </div>
  );
}

/** A multi-line snippet with a copy button. */
export function CodeSnippet({ label, code }: { label: string; code: string }) {
  return (
    <div className="grid gap-1.5">
      <span className="text-sm font-medium">{label}</span>
      <div className="flex items-start gap-2 rounded-md border bg-muted px-3 py-2">
        <pre className="min-w-0 flex-1 overflow-x-auto font-mono text-xs whitespace-pre-wrap break-all">{code}</pre>
        <CopyButton value={code} label={label.toLowerCase()} />
      </div>
    </div>
  );
}
