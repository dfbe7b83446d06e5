// Shared between client forms and server actions: one schema validates both sides.
import type { z } from "zod";

export type FieldErrors = Record<string, string[]>;

/** zod issues keyed by their dotted path ("scopes.1.name"), so rows of a list get their own errors. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      // A strict object names each field it does not know, under that field's own path.
      for (const name of issue.keys) (out[[...issue.path, name].join(".")] ??= []).push("Unknown field.");
      continue;
    }
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * A server action's form argument as FormData. Anyone can POST an action with other arguments
 * (a string, nothing): those read as an empty form, which fails validation instead of throwing (500).
 */
export function asFormData(form: unknown): FormData {
  return form instanceof FormData ? form : new FormData();
}

/** FormData → plain object of strings; a name used more than once becomes an array. */
export function formToObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of asFormData(form).entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string") continue;
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export function asArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
