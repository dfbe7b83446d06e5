"use server";

import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/auth";
import { currentUser } from "@/lib/auth/session";
import { asFormData } from "@/lib/schemas/form";
import { ServiceError } from "@/lib/services";
import { decideAuthorization } from "@/lib/services/oauth/authorization";

/**
 * Allow or Deny. A server action: Next.js checks the Origin of the POST (CSRF), and its redirect
 * after an action is a 303 (AUTHZ-14, AUTHZ-16).
 */
export async function decideConsentAction(
  _prev: { message: string } | null,
  formArg: FormData,
): Promise<{ message: string }> {
  const form = asFormData(formArg);
  const slug = String(form.get("slug") ?? "");
  const requestId = String(form.get("requestId") ?? "");
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/oauth/${slug}/consent/${requestId}`)}`);
  let location: string;
  try {
    location = await decideAuthorization(slug, requestId, user, form.get("decision") === "allow");
  } catch (err) {
    if (err instanceof ServiceError) return { message: err.message };
    throw err;
  }
  redirect(location);
}

/** "Not you? Sign out": back to sign-in, then to this same consent screen. */
export async function switchAccountAction(formArg: FormData): Promise<void> {
  const form = asFormData(formArg);
  const slug = String(form.get("slug") ?? "");
  const requestId = String(form.get("requestId") ?? "");
  await signOut({ redirectTo: `/sign-in?callbackUrl=${encodeURIComponent(`/oauth/${slug}/consent/${requestId}`)}` });
}
