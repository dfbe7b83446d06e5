"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/schemas/form";

interface Row {
  key: number;
  name: string;
  description: string;
}

/** Scope rows (name + description shown on consent screens), each with its own errors. */
export function ScopeRows({
  initial,
  errors,
}: {
  initial: { name: string; description: string }[];
  errors?: FieldErrors;
}) {
  const [rows, setRows] = useState<Row[]>(() => initial.map((s, i) => ({ key: i, ...s })));
  const [next, setNext] = useState(initial.length);
  const add = () => {
    setRows((r) => [...r, { key: next, name: "", description: "" }]);
    setNext((n) => n + 1);
  };
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">Scopes</legend>
      <p className="text-sm text-muted-foreground">
        What clients may ask for. Users see each description on the consent screen.
      </p>
      {errors?.scopes && (
        <p role="alert" className="text-sm text-destructive">
          {errors.scopes.join(" ")}
        </p>
      )}
      {rows.map((row, index) => {
        const nameErr = errors?.[`scopes.${index}.name`];
        const descErr = errors?.[`scopes.${index}.description`];
        return (
          <div key={row.key} className="grid gap-1">
            <div className="flex items-start gap-2">
              <Input
                name="scopeName"
                aria-label={`Scope ${index + 1} name`}
                placeholder="mcp:tools"
                defaultValue={row.name}
                aria-invalid={nameErr ? true : undefined}
                aria-describedby={nameErr ? `scope-${row.key}-error` : undefined}
                className="w-48 font-mono"
              />
              <Input
                name="scopeDescription"
                aria-label={`Scope ${index + 1} description`}
                placeholder="Use the server's tools"
                defaultValue={row.description}
                aria-invalid={descErr ? true : undefined}
                className="flex-1"
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                onClick={() => setRows((r) => r.filter((x) => x.key !== row.key))}
              >
                <Trash2 aria-hidden className="size-4" />
                <span className="sr-only">Remove scope {index + 1}</span>
              </Button>
            </div>
            {(nameErr || descErr) && (
              <p id={`scope-${row.key}-error`} role="alert" className="text-sm text-destructive">
                {[...(nameErr ?? []), ...(descErr ?? [])].join(" ")}
              </p>
            )}
          </div>
        );
      })}
      <div>
        <Button type="button" variant="outline" size="sm" onClick={add}>
          <Plus aria-hidden className="size-4" /> Add scope
        </Button>
      </div>
    </fieldset>
  );
}
