"use server";

import { AuthError } from "next-auth";
import type { ActionResult } from "@/lib/actions/action-result";
import { signIn } from "@/lib/auth/auth";
import { safeReturnPath, SignInInput } from "@/lib/schemas/auth";
import { fieldErrorsOf, formToObject } from "@/lib/schemas/form";

export async function signInAction(_prev: ActionResult<null> | null, form: FormData): Promise<ActionResult<null>> {
  const values = formToObject(form);
  const echo = { email: values.email ?? "" };
  const parsed = SignInInput.safeParse(values);
  if (!parsed.success)
    return {
      ok: false,
      code: "INVALID",
      message: "Fix the highlighted fields.",
      fieldErrors: fieldErrorsOf(parsed.error),
      values: echo,
    };
  try {
    // On success Auth.js sets the session cookie and throws Next's redirect, which must propagate.
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeReturnPath(parsed.data.callbackUrl, "/"),
    });
    return { ok: true, data: null };
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code;
      return code === "rate_limited"
        ? {
            ok: false,
            code: "RATE_LIMITED",
            message: "Too many failed attempts. Wait a few minutes and try again.",
            values: echo,
          }
        : { ok: false, code: "UNAUTHENTICATED", message: "The email or password is incorrect.", values: echo };
    }
    throw err;
  }
}
