import { CopyButton } from "@/components/ui/copy-button";

/**
 * A copyable block of code or configuration: the text as-is in a <pre>, with a copy button. It
 * never grows wider than its container (min-w-0 in a grid or flex parent): long lines scroll inside.
 */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="relative min-w-0 max-w-full" data-slot="code-block">
      <pre className="max-w-full overflow-x-auto rounded-md border bg-muted p-4 pr-12 font-mono text-sm leading-relaxed">
        <code>{code}</code>
      </pre>
      <CopyButton value={code} label={label} className="absolute top-2 right-2" />
    </div>
  );
}
