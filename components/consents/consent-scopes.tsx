import type { ConsentDto } from "@/lib/services";

/** The scopes a user granted, each with the description the consent screen showed them. */
export function ConsentScopes({ scopes }: { scopes: ConsentDto["scopes"] }) {
  if (scopes.length === 0) return <span className="text-muted-foreground">No scopes</span>;
  return (
    <ul className="grid gap-1">
      {scopes.map((scope) => (
        <li key={scope.name} className="min-w-0">
          <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">{scope.name}</code>
          {scope.description ? <span className="ml-2 text-sm text-muted-foreground">{scope.description}</span> : null}
        </li>
      ))}
    </ul>
  );
}
