import type { ZodError } from "zod";
import { fieldErrorsOf } from "@/lib/schemas/form";
import type { ActionResult } from "./action-result";

/** A form that did not parse: each message next to its field, the (safe to echo) values back. */
export function invalidFields(
  error: ZodError,
  values?: Record<string, string | string[]>,
): Extract<ActionResult<never>, { ok: false }> {
  return {
    ok: false,
    code: "INVALID",
    message: "Fix the highlighted fields.",
    fieldErrors: fieldErrorsOf(error),
    values,
  };
}
