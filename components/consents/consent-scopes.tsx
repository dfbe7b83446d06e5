import type { ConsentDto } from "@/lib/services";
import { cn } from "@/lib/utils";

/** The scopes a user granted, each with the description the consent screen showed them. */
export function ConsentScopes({ scopes, className }: { scopes: ConsentDto["scopes"]; className?: string }) {
  if (scopes.length === 0) return <span className="text-muted-foreground">No scopes</span>;
  return (
    <ul className={cn("grid gap-1.5", className)}>
      {scopes.map((scope) => (
        <li key={scope.name} className="min-w-0">
          <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs break-all">{scope.name}</code>
          {scope.description ? <p className="mt-0.5 text-xs text-muted-foreground">{scope.description}</p> : null}
        </li>
      ))}
    </ul>
  );
}
