import { signIn } from "@/lib/auth/auth";
import { safeReturnPath } from "@/lib/schemas/auth";

/**
 * After a password was set, the browser's session names the old session version (which the change
 * ended, with every other session); signing in with the new password gives it a fresh one and goes
 * on to where the person was going. Auth.js throws Next's redirect: it must propagate.
 */
export async function signInWithNewPassword(email: string, password: string, returnTo: string | undefined) {
  await signIn("credentials", { email, password, redirectTo: safeReturnPath(returnTo, "/") });
}
