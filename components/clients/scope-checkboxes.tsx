"use client";

import Link from "next/link";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import type { ScopeDto } from "@/lib/services";

/** The server's scopes as checkboxes named `allowedScope` (what clientFormToInput reads). */
export function ScopeCheckboxes({
  scopes,
  defaultChecked,
  errors,
  settingsHref,
}: {
  scopes: readonly ScopeDto[];
  defaultChecked: readonly string[];
  errors?: string[];
  settingsHref: string;
}) {
  return (
    <fieldset className="grid gap-2" aria-describedby="allowed-scopes-description">
      <legend className="mb-1 text-sm font-medium">Allowed scopes</legend>
      <p id="allowed-scopes-description" className="text-sm text-muted-foreground">
        Tick scopes to limit this client to them. With none ticked it may ask for all of the server&apos;s scopes,
        including any added later.
      </p>
      {errors?.length ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {errors.join(" ")}
        </p>
      ) : null}
      {scopes.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          This MCP server has no scopes yet. Add them in the{" "}
          <Link href={settingsHref} className="underline underline-offset-4">
            server&apos;s settings
          </Link>
          .
        </p>
      ) : (
        <ul className="grid gap-2">
          {scopes.map((scope) => {
            const id = `scope-${scope.name}`;
            return (
              <li key={scope.name} className="flex items-start gap-2">
                <Checkbox
                  id={id}
                  name="allowedScope"
                  value={scope.name}
                  defaultChecked={defaultChecked.includes(scope.name)}
                  aria-describedby={`${id}-description`}
                  className="mt-0.5"
                />
                <div className="grid gap-0.5">
                  <Label htmlFor={id} className="font-mono">
                    {scope.name}
                  </Label>
                  <span id={`${id}-description`} className="text-sm text-muted-foreground">
                    {scope.description}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
