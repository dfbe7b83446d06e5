"use client";

import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { fieldErrorsOf, formToObject, type FieldErrors } from "@/lib/schemas/form";

/**
 * Validates a form with the same zod schema the server action uses, before it is sent: errors show
 * next to their fields at once, and a form that cannot pass is not submitted. The server re-checks.
 */
export function useClientValidation(
  schema: z.ZodType,
  prepare?: (values: Record<string, string | string[]>) => unknown,
) {
  const [clientErrors, setClientErrors] = useState<FieldErrors | undefined>();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const values = formToObject(new FormData(event.currentTarget));
    const parsed = schema.safeParse(prepare ? prepare(values) : values);
    if (parsed.success) {
      setClientErrors(undefined);
      return;
    }
    event.preventDefault();
    setClientErrors(fieldErrorsOf(parsed.error));
  }
  return { clientErrors, setClientErrors, onSubmit };
}
