"use client";

import { CopyButton } from "@/components/ui/copy-button";

/** A value shown in full with a copy button (client IDs, one-time secrets, URLs). */
export function CopyableValue({ label, value, autoFocus }: { label: string; value: string; autoFocus?: boolean }) {
  return (
    <div className="grid gap-1.5">
      <span className="text-sm font-medium">{label}</span>
      <div className="flex items-center gap-2 rounded-md border bg-muted px-3 py-2">
        <code className="min-w-0 flex-1 font-mono text-sm break-all">{value}</code>
        <CopyButton value={value} label={label.toLowerCase()} autoFocus={autoFocus} />
      </div>
    </div>
  );
}

/**
 * A one-time secret. It lives only in the component state that renders it (never a URL, a toast,
 * a log or the query cache); the caller drops that state when the dialog closes.
 */
export function SecretReveal({ label = "Client secret", secret }: { label?: string; secret: string }) {
  return (
    <div className="grid gap-2">
      <CopyableValue label={label} value={secret} autoFocus />
      <p className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
        This secret will not be shown again. Store it now, e.g. in your deployment&apos;s secret manager.
      </p>
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
