"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/actions/action-result";
import { signIn } from "@/lib/auth/auth";
import { safeReturnPath, SignInInput } from "@/lib/schemas/auth";
import { EmailFirstInput } from "@/lib/schemas/identity-providers";
import { routeEmailToProvider, systemContext } from "@/lib/services";
import { fieldErrorsOf, formToObject } from "@/lib/schemas/form";
import { invalidFields } from "@/lib/actions/invalid-fields";

export async function signInAction(_prev: ActionResult<null> | null, form: FormData): Promise<ActionResult<null>> {
  const values = formToObject(form);
  const echo = { email: values.email ?? "" };
  const parsed = SignInInput.safeParse(values);
  if (!parsed.success) return invalidFields(parsed.error, echo);
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
      if (code === "rate_limited")
        return {
          ok: false,
          code: "RATE_LIMITED",
          message: "Too many failed attempts. Wait a few minutes and try again.",
          values: echo,
        };
      if (code === "passwords_off")
        return {
          ok: false,
          code: "FORBIDDEN",
          message: "Passwords are turned off for your account: continue with your organisation's sign-in above.",
          values: echo,
        };
      return { ok: false, code: "UNAUTHENTICATED", message: "The email or password is incorrect.", values: echo };
    }
    throw err;
  }
}

/** Email-first: the email's domain picks the identity provider; the address goes along as login_hint. */
export async function emailFirstAction(_prev: ActionResult<null> | null, form: FormData): Promise<ActionResult<null>> {
  const values = formToObject(form);
  const parsed = EmailFirstInput.safeParse(values);
  if (!parsed.success)
    return {
      ok: false,
      code: "INVALID",
      message: "Enter your email.",
      fieldErrors: fieldErrorsOf(parsed.error),
      values,
    };
  const returnTo = safeReturnPath(parsed.data.callbackUrl, "/");
  const provider = await routeEmailToProvider({
    ctx: systemContext("sign-in"),
    input: { email: parsed.data.email, returnTo },
  });
  if (!provider)
    return {
      ok: false,
      code: "NOT_FOUND",
      message: "No identity provider signs in this email's domain. Use a button above or your password.",
      fieldErrors: { email: ["No identity provider signs in this domain."] },
      values,
    };
  const query = new URLSearchParams({ returnTo, login_hint: parsed.data.email });
  redirect(`/api/identity/${provider.slug}/start?${query}`);
}
