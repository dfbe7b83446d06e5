// Server actions are thin adapters: session → permission (fast fail; the service re-checks) →
// the same zod schema the form used → service verb → typed result. Next.js checks the Origin of
// every action POST against the host, which is our CSRF protection for mutations.
import type { z } from "zod";
import { getServiceContext } from "@/lib/auth/session";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { fieldErrorsOf, formToObject } from "@/lib/schemas/form";
import type { ServiceContext } from "@/lib/services";
import type { ActionResult } from "./action-result";
import { toActionError } from "./to-action-error";

export function defineAction<S extends z.ZodType, T>(spec: {
  input: S;
  permission: Permission;
  /** Reshapes form fields before parsing (e.g. parallel lists into rows). */
  prepare?: (values: Record<string, string | string[]>) => unknown;
  run: (input: z.output<S>, ctx: ServiceContext) => Promise<T>;
}) {
  return async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    const values = formToObject(form);
    const ctx = await getServiceContext();
    if (!ctx) return { ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again.", values };
    if (ctx.actor.type !== "user" || !hasPermission(ctx.actor.role, spec.permission)) {
      return { ok: false, code: "FORBIDDEN", message: "Your role cannot do this.", values };
    }
    const parsed = spec.input.safeParse(spec.prepare ? spec.prepare(values) : values);
    if (!parsed.success) {
      return {
        ok: false,
        code: "INVALID",
        message: "Fix the highlighted fields.",
        fieldErrors: fieldErrorsOf(parsed.error),
        values,
      };
    }
    try {
      return { ok: true, data: await spec.run(parsed.data, ctx) };
    } catch (err) {
      return { ...toActionError(err, ctx.requestId), values };
    }
  };
}
