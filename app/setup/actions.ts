"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/actions/action-result";
import { toActionError } from "@/lib/actions/to-action-error";
import { signIn } from "@/lib/auth/auth";
import { requestMeta } from "@/lib/request-meta";
import { formToObject } from "@/lib/schemas/form";
import { invalidFields } from "@/lib/actions/invalid-fields";
import { SetupInput } from "@/lib/schemas/auth";
import { completeSetup, systemContext } from "@/lib/services";

/** Creates the first OWNER (only while no user exists; the service enforces it) and signs them in. */
export async function completeSetupAction(
  _prev: ActionResult<null> | null,
  form: FormData,
): Promise<ActionResult<null>> {
  const values = formToObject(form);
  const { password: _p, confirmPassword: _c, ...echo } = values;
  const parsed = SetupInput.safeParse(values);
  if (!parsed.success) return invalidFields(parsed.error, echo);
  const ctx = systemContext("setup", requestMeta(await headers()));
  try {
    await completeSetup({ ctx, input: parsed.data });
  } catch (err) {
    return { ...toActionError(err, ctx.requestId), values: echo };
  }
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    redirect("/sign-in");
  }
  redirect("/servers");
}
