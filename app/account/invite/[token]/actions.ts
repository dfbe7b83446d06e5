"use server";

import { headers } from "next/headers";
import type { ActionResult } from "@/lib/actions/action-result";
import { signInWithNewPassword } from "@/lib/actions/sign-in-with-new-password";
import { invalidFields } from "@/lib/actions/invalid-fields";
import { toActionError } from "@/lib/actions/to-action-error";
import { requestMeta } from "@/lib/request-meta";
import { InvitePasswordForm } from "@/lib/schemas/account";
import { formToObject } from "@/lib/schemas/form";
import { setPasswordFromInvite, systemContext } from "@/lib/services";

/** The invited person sets their password, then is signed in with it. */
export async function acceptInviteAction(
  _prev: ActionResult<null> | null,
  form: FormData,
): Promise<ActionResult<null>> {
  const parsed = InvitePasswordForm.safeParse(formToObject(form));
  if (!parsed.success) return invalidFields(parsed.error);
  const ctx = systemContext("invite link", requestMeta(await headers()));
  let email: string;
  try {
    ({ email } = await setPasswordFromInvite({ ctx, token: parsed.data.token, password: parsed.data.next }));
  } catch (err) {
    const failed = toActionError(err, ctx.requestId);
    // The policy names the field "password"; the form calls it "next".
    const fieldErrors = failed.fieldErrors?.password ? { next: failed.fieldErrors.password } : failed.fieldErrors;
    return { ...failed, fieldErrors };
  }
  await signInWithNewPassword(email, parsed.data.next, "/");
  return { ok: true, data: null };
}
