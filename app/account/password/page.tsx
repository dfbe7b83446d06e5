import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireSetupDone, signedInUser } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/schemas/auth";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Change password" };

/**
 * Every signed-in person's password page, and the one place someone holding a temporary password
 * may go: every other page, action and API call treats them as signed out until they are done.
 */
export default async function ChangePasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireSetupDone();
  const params = await searchParams;
  const callbackUrl = safeReturnPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined, "/");
  const user = await signedInUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/account/password?callbackUrl=${callbackUrl}`)}`);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center p-6">
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h1>{user.mustChangePassword ? "Choose a new password" : "Change password"}</h1>
          </CardTitle>
          <CardDescription>
            {user.mustChangePassword
              ? "You signed in with a temporary password. Choose your own before you continue."
              : `For ${user.email}. Your other sessions end when you change it.`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm email={user.email} callbackUrl={callbackUrl} />
        </CardContent>
      </Card>
    </main>
  );
}
