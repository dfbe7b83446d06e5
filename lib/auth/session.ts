// Session helpers for pages, server actions and JSON routes. The cookie says who; the database
// says whether that still holds (getSessionUser re-checks disabled, session version, role).
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { requestMeta } from "@/lib/request-meta";
import { getSessionUser, isSetupComplete, systemContext, type ServiceContext, type SessionUser } from "@/lib/services";
import { auth } from "./auth";
import { hasPermission, type Permission } from "./permissions";

/** Whoever holds a valid session (memoised per request), temporary password or not; or null. */
export const signedInUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as { uid?: unknown; sv?: unknown } | null;
  if (!session || typeof session.uid !== "string" || typeof session.sv !== "number") return null;
  return getSessionUser(db(), session.uid, session.sv);
});

/**
 * The signed-in user for this request, or null. Someone who signed in with a temporary password
 * counts as signed out everywhere — pages, server actions, the admin API, the OAuth authorization
 * flow — until they replace it: the forced change is enforced here, on the server, not by a
 * client redirect. Only the change-password page uses signedInUser() instead.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const user = await signedInUser();
  return user && !user.mustChangePassword ? user : null;
});

/**
 * Where a page sends a visitor without a usable session: to the forced password change if they
 * signed in with a temporary password, else to sign-in; either way back to `returnTo` afterwards.
 */
export async function redirectToSignIn(returnTo: string): Promise<never> {
  const query = `callbackUrl=${encodeURIComponent(returnTo)}`;
  redirect((await signedInUser()) ? `/account/password?${query}` : `/sign-in?${query}`);
}

export async function contextFor(user: SessionUser): Promise<ServiceContext> {
  const meta = requestMeta(await headers());
  return {
    actor: { type: "user", userId: user.id, email: user.email, role: user.role },
    requestId: newId("request"),
    ...meta,
  };
}

/** The service context of the signed-in user, or null when signed out. */
export async function getServiceContext(): Promise<ServiceContext | null> {
  const user = await currentUser();
  return user ? contextFor(user) : null;
}

/**
 * For dashboard pages: signed-out visitors go to /sign-in (and come back), end users to their
 * own apps page. A missing permission renders as "not found" rather than revealing the page.
 */
export async function requireStaff(
  returnTo: string,
  permission?: Permission,
): Promise<{ user: SessionUser; ctx: ServiceContext }> {
  await requireSetupDone();
  const user = (await currentUser()) ?? (await redirectToSignIn(returnTo));
  if (!user.role) redirect("/account/apps");
  if (permission && !hasPermission(user.role, permission)) redirect("/servers?denied=1");
  return { user, ctx: await contextFor(user) };
}

/** First run: until the owner exists, every page leads to /setup. */
export async function requireSetupDone(): Promise<void> {
  await connection(); // every page that asks is per-request: never prerendered at build time
  if (!(await isSetupComplete(systemContext("setup-check")))) redirect("/setup");
}

/** Any signed-in user (end users included), for the account pages. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  await requireSetupDone();
  return (await currentUser()) ?? (await redirectToSignIn(returnTo));
}
