"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/schemas/form";

export interface UriRow {
  key: number;
  value: string;
}

/**
 * Controlled redirect-URI rows. Controlled on purpose: the forms submit through dispatch rather
 * than `<form action>`, so nothing resets them and the rows stay as typed after an error.
 */
export function useUriRows(initial: readonly string[]) {
  const [rows, setRows] = useState<UriRow[]>(() => initial.map((value, key) => ({ key, value })));
  const [nextKey, setNextKey] = useState(initial.length);
  return {
    rows,
    add: () => {
      setRows((r) => [...r, { key: nextKey, value: "" }]);
      setNextKey((k) => k + 1);
    },
    remove: (key: number) => setRows((r) => r.filter((row) => row.key !== key)),
    update: (key: number, value: string) => setRows((r) => r.map((row) => (row.key === key ? { ...row, value } : row))),
  };
}

/** The rows that are submitted: clientFormToInput drops blank ones, so errors index these. */
export function filledRowKeys(rows: readonly UriRow[]): number[] {
  return rows.filter((r) => r.value.trim() !== "").map((r) => r.key);
}

/**
 * Errors arrive keyed "redirectUris.<i>", where i counts only the non-blank rows of the submitted
 * form. `submittedKeys` (the row keys at submit time) turns them back into rows, even if rows are
 * added or removed afterwards.
 */
export function rowErrorsOf(errors: FieldErrors | undefined, submittedKeys: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (!errors) return out;
  submittedKeys.forEach((key, i) => {
    const e = errors[`redirectUris.${i}`];
    if (e?.length) out.set(key, e);
  });
  return out;
}

export function RedirectUriRows({
  rows,
  onAdd,
  onRemove,
  onChange,
  rowErrors,
  listErrors,
  description,
}: {
  rows: readonly UriRow[];
  onAdd: () => void;
  onRemove: (key: number) => void;
  onChange: (key: number, value: string) => void;
  rowErrors: Map<number, string[]>;
  /** Errors about the list as a whole (too many; a flow that needs at least one). */
  listErrors?: string[];
  description: string;
}) {
  return (
    <fieldset className="grid gap-2" aria-describedby="redirect-uris-description">
      <legend className="mb-1 text-sm font-medium">Redirect URIs</legend>
      <p id="redirect-uris-description" className="text-sm text-muted-foreground">
        {description}
      </p>
      {listErrors?.length ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {listErrors.join(" ")}
        </p>
      ) : null}
      {rows.map((row, index) => {
        const errors = rowErrors.get(row.key);
        const errorId = `redirect-uri-${row.key}-error`;
        return (
          <div key={row.key} className="grid gap-1">
            <div className="flex items-start gap-2">
              <Input
                name="redirectUri"
                type="url"
                inputMode="url"
                aria-label={`Redirect URI ${index + 1}`}
                placeholder="https://app.example.com/oauth/callback"
                value={row.value}
                onChange={(e) => onChange(row.key, e.currentTarget.value)}
                aria-invalid={errors ? true : undefined}
                aria-describedby={errors ? errorId : undefined}
                autoComplete="off"
                spellCheck={false}
                className="flex-1 font-mono"
              />
              <Button type="button" variant="ghost" size="icon" onClick={() => onRemove(row.key)}>
                <Trash2 aria-hidden />
                <span className="sr-only">Remove redirect URI {index + 1}</span>
              </Button>
            </div>
            {errors ? (
              <p id={errorId} role="alert" className="text-sm font-medium text-destructive">
                {errors.join(" ")}
              </p>
            ) : null}
          </div>
        );
      })}
      <div>
        <Button type="button" variant="outline" size="sm" onClick={onAdd}>
          <Plus aria-hidden /> Add redirect URI
        </Button>
      </div>
    </fieldset>
  );
}
