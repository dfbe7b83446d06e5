import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireSetupDone } from "@/lib/auth/session";
import { describeInvite, systemContext } from "@/lib/services";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

/** The link an administrator passed on: the invited person chooses a password, once. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  await requireSetupDone();
  const { token } = await params;
  const invite = await describeInvite({ ctx: systemContext("invite link"), token });
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center p-6">
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h1>{invite ? "Set your password" : "This link cannot be used"}</h1>
          </CardTitle>
          <CardDescription>
            {invite
              ? `Choose the password you will sign in to Gatehouse with, as ${invite.email}.`
              : "It was already used, it expired, or it was replaced by a newer one. Ask your administrator for a new link."}
          </CardDescription>
        </CardHeader>
        {invite && (
          <CardContent>
            <InviteForm token={token} email={invite.email} />
          </CardContent>
        )}
      </Card>
    </main>
  );
}
