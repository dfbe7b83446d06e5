import { ZodError } from "zod";
import { logger } from "@/lib/logger";
import { fieldErrorsOf } from "@/lib/schemas/form";
import { ServiceError } from "@/lib/services";
import type { ActionResult } from "./action-result";

/** Known failures keep their message; anything else is logged and reported without detail. */
export function toActionError(err: unknown, requestId: string): Extract<ActionResult<never>, { ok: false }> {
  if (err instanceof ServiceError) {
    return {
      ok: false,
      code: err.code === "UNAUTHENTICATED" ? "UNAUTHENTICATED" : err.code,
      message: err.message,
      fieldErrors: err.fieldErrors,
    };
  }
  if (err instanceof ZodError) {
    return { ok: false, code: "INVALID", message: "Fix the highlighted fields.", fieldErrors: fieldErrorsOf(err) };
  }
  logger.error("action.failed", { requestId, err });
  return {
    ok: false,
    code: "INTERNAL",
    message: `Something went wrong on our side (request ${requestId}). Try again.`,
  };
}
