// What the consent screen asks for. On a step-up (the application already holds some of this
// person's consent and now asks for more) it asks only for the new scopes and lists the rest as
// already allowed, so the person sees exactly what changes when they click Allow.

interface Scope {
  name: string;
  description: string;
}

function ScopeList({ scopes, label }: { scopes: Scope[]; label: string }) {
  return (
    <ul aria-label={label} className="mt-2 grid gap-2">
      {scopes.map((s) => (
        <li key={s.name} className="text-sm">
          <code className="rounded bg-muted px-1.5 py-0.5">{s.name}</code>{" "}
          {s.description && <span className="text-muted-foreground">— {s.description}</span>}
        </li>
      ))}
    </ul>
  );
}

export function ConsentScopes({
  server,
  requested,
  granted,
}: {
  server: string;
  requested: Scope[];
  granted: Scope[];
}) {
  const allowed = new Set(granted.map((s) => s.name));
  const asked = requested.filter((s) => !allowed.has(s.name));
  const stepUp = granted.length > 0 && asked.length > 0;
  return (
    <div className="grid gap-3">
      <div>
        <h2 className="text-sm font-medium">{stepUp ? "It now also asks to" : "It asks to"}</h2>
        {requested.length === 0 ? (
          <p className="text-sm text-muted-foreground">Access {server} with no specific permissions.</p>
        ) : asked.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing new: you already allowed everything it asks for.</p>
        ) : (
          <ScopeList scopes={asked} label="New permissions" />
        )}
      </div>
      {granted.length > 0 && (
        <div>
          <h2 className="text-sm font-medium">Already allowed</h2>
          <ScopeList scopes={granted} label="Already allowed" />
        </div>
      )}
    </div>
  );
}
