import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/layout/nav-links";
import { ServerSwitcher } from "@/components/layout/server-switcher";
import { UserMenu } from "@/components/layout/user-menu";
import { signOutAction } from "@/lib/actions/sign-out";
import { hasPermission } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { listServers } from "@/lib/services";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { user, ctx } = await requireStaff("/servers");
  const servers = await listServers({ ctx });
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        Skip to content
      </a>
      <aside className="flex flex-col gap-4 border-b bg-card p-4 md:w-64 md:shrink-0 md:border-r md:border-b-0">
        <Link href="/servers" className="text-lg font-semibold tracking-tight">
          Gatehouse
        </Link>
        <ServerSwitcher servers={servers.map((s) => ({ slug: s.slug, name: s.name }))} canCreate={hasPermission(user.role, "servers.write")} />
        <nav aria-label="Main">
          <NavLinks role={user.role} />
        </nav>
        <div className="mt-auto border-t pt-4">
          <UserMenu email={user.email} name={user.name} role={user.role} signOutAction={signOutAction} />
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-6 md:p-8">
        {children}
      </main>
    </div>
  );
}
