import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Separator } from "@/components/ui/separator";
import { currentUser, requireSetupDone, signedInUser } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/schemas/auth";
import { getSignInOptions, systemContext } from "@/lib/services";
import { EmailFirstForm } from "./email-first-form";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireSetupDone();
  const params = await searchParams;
  const callbackUrl = safeReturnPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined, "/");
  if (await currentUser()) redirect(callbackUrl);
  // Signed in with a temporary password: the change comes first, then the way on to callbackUrl.
  if (await signedInUser()) redirect(`/account/password?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const options = await getSignInOptions({ ctx: systemContext("sign-in"), input: { returnTo: callbackUrl } });
  const sso = options.providers.length > 0;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center p-6">
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h1>Sign in to Gatehouse</h1>
          </CardTitle>
          <CardDescription>
            {options.asking
              ? `Sign in to continue to ${options.asking.clientName} on ${options.asking.serverName}.`
              : sso
                ? "Use your organisation's sign-in, or the password your administrator gave you."
                : "Use the email and password your administrator gave you."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {sso && (
            <div className="grid gap-2">
              {options.providers.map((p) => (
                <Button key={p.slug} variant="outline" asChild>
                  <a href={`/api/identity/${p.slug}/start?returnTo=${encodeURIComponent(callbackUrl)}`}>
                    Continue with {p.label}
                  </a>
                </Button>
              ))}
            </div>
          )}
          {options.emailFirst && <EmailFirstForm callbackUrl={callbackUrl} />}
          {sso && (
            <div className="flex items-center gap-3 text-xs text-muted-foreground">
              <Separator className="flex-1" /> or with a password <Separator className="flex-1" />
            </div>
          )}
          {sso && !options.localPasswordsForEndUsers && (
            <p className="text-sm text-muted-foreground">Passwords are for administrators only.</p>
          )}
          <SignInForm callbackUrl={callbackUrl} />
        </CardContent>
      </Card>
    </main>
  );
}
