"use server";

// An end user revokes an app they authorized. Not defineAction: end users have no dashboard role.
// The service deletes the consent only where it belongs to this user, so a forged id finds nothing.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { toActionError } from "@/lib/actions/to-action-error";
import { contextFor, currentUser } from "@/lib/auth/session";
import { asFormData } from "@/lib/schemas/form";
import { revokeMyApp } from "@/lib/services";

const RevokeMyAppInput = z.object({ consentId: z.string().min(1).max(100) });

export async function revokeMyAppAction(
  _prev: ActionResult<{ clientName: string }> | null,
  form: FormData,
): Promise<ActionResult<{ clientName: string }>> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/account/apps")}`);
  const parsed = RevokeMyAppInput.safeParse({ consentId: asFormData(form).get("consentId") });
  if (!parsed.success)
    return { ok: false, code: "INVALID", message: "This app could not be found. Reload the page and try again." };
  const ctx = await contextFor(user);
  try {
    const revoked = await revokeMyApp({ ctx, user, consentId: parsed.data.consentId });
    revalidatePath("/account/apps");
    return { ok: true, data: { clientName: revoked.clientName } };
  } catch (err) {
    return toActionError(err, ctx.requestId);
  }
}
