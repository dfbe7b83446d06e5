import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { isSsoRefusal, SSO_REFUSALS } from "@/lib/identity/refusals";
import { safeReturnPath } from "@/lib/schemas/auth";

export const metadata: Metadata = { title: "Sign-in refused" };

/** Where a refused identity-provider sign-in lands. Only fixed texts, chosen by reason code. */
export default async function SignInRefusedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const reason = isSsoRefusal(params.reason) ? params.reason : "token_failed";
  const returnTo = safeReturnPath(typeof params.returnTo === "string" ? params.returnTo : undefined, "/");
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h1>You could not be signed in</h1>
          </CardTitle>
          <CardDescription>{SSO_REFUSALS[reason]}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <p className="text-sm text-muted-foreground">
            Nothing was changed. Reference: <code className="font-mono">{reason}</code>
          </p>
          <Button asChild>
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`}>Back to sign-in</Link>
          </Button>
        </CardContent>
      </Card>
    </main>
  );
}
