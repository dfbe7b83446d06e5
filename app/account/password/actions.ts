"use server";

import type { ActionResult } from "@/lib/actions/action-result";
import { signInWithNewPassword } from "@/lib/actions/sign-in-with-new-password";
import { invalidFields } from "@/lib/actions/invalid-fields";
import { toActionError } from "@/lib/actions/to-action-error";
import { contextFor, signedInUser } from "@/lib/auth/session";
import { ChangePasswordForm } from "@/lib/schemas/account";
import { formToObject } from "@/lib/schemas/form";
import { changeOwnPassword } from "@/lib/services";

/** Any signed-in person, a temporary password included (this is where the forced change happens). */
export async function changePasswordAction(
  _prev: ActionResult<null> | null,
  form: FormData,
): Promise<ActionResult<null>> {
  const parsed = ChangePasswordForm.safeParse(formToObject(form));
  if (!parsed.success) return invalidFields(parsed.error);
  const user = await signedInUser();
  if (!user) return { ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." };
  const ctx = await contextFor(user);
  try {
    await changeOwnPassword({ ctx, input: { current: parsed.data.current, next: parsed.data.next } });
  } catch (err) {
    return toActionError(err, ctx.requestId);
  }
  await signInWithNewPassword(user.email, parsed.data.next, parsed.data.callbackUrl);
  return { ok: true, data: null };
}
