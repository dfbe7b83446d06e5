import type { Metadata } from "next";
import { UserMenu } from "@/components/layout/user-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { signOutAction } from "@/lib/actions/sign-out";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your authorized apps" };

/** End users' home. The list of apps they authorized arrives with consents; until then it is empty. */
export default async function AccountAppsPage() {
  const user = await requireUser("/account/apps");
  return (
    <main className="mx-auto max-w-3xl space-y-6 p-6">
      <div className="flex items-start justify-between gap-4">
        <PageHeader title="Your authorized apps" description="MCP clients you have allowed to act on your behalf." />
        <UserMenu email={user.email} name={user.name} role={user.role} signOutAction={signOutAction} />
      </div>
      <EmptyState title="No authorized apps" description="When you allow an MCP client to access an MCP server, it appears here and you can revoke it." />
    </main>
  );
}
