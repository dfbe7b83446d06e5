import { AppWindow } from "lucide-react";
import type { Metadata } from "next";
import { AuthorizedAppsList } from "@/components/consents/authorized-apps-list";
import { UserMenu } from "@/components/layout/user-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { signOutAction } from "@/lib/actions/sign-out";
import { requireUser } from "@/lib/auth/session";
import { listMyApps } from "@/lib/services";

export const metadata: Metadata = { title: "Your authorized apps" };

/** End users' home: the apps they allowed to act on their behalf, each revocable. */
export default async function AccountAppsPage() {
  const user = await requireUser("/account/apps");
  const apps = await listMyApps({ user });
  return (
    <main className="mx-auto max-w-3xl space-y-6 p-6">
      <div className="flex items-start justify-between gap-4">
        <PageHeader title="Your authorized apps" description="MCP clients you have allowed to act on your behalf." />
        <UserMenu
          email={user.email}
          name={user.name}
          role={user.role}
          signOutAction={signOutAction}
          link={user.role ? { href: "/servers", label: "Back to the dashboard" } : undefined}
        />
      </div>
      {apps.length > 0 ? (
        <AuthorizedAppsList apps={apps} />
      ) : (
        <EmptyState
          icon={AppWindow}
          title="No authorized apps"
          description="When you allow an MCP client to access an MCP server, it appears here and you can revoke it."
        />
      )}
    </main>
  );
}
