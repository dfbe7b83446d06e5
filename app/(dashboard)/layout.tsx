import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/layout/nav-links";
import { ServerSwitcher } from "@/components/layout/server-switcher";
import { UserMenu } from "@/components/layout/user-menu";
import { signOutAction } from "@/lib/actions/sign-out";
import { hasPermission } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { listServers } from "@/lib/services";
import { cimdLocalTestingFlags } from "@/lib/services/cimd/transport";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { user, ctx } = await requireStaff("/servers");
  const servers = await listServers({ ctx });
  const cimdFlags = cimdLocalTestingFlags();
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        Skip to content
      </a>
      <aside className="flex flex-col gap-4 border-b bg-card p-4 md:w-64 md:shrink-0 md:border-r md:border-b-0">
        <Link href="/servers" className="text-lg font-semibold tracking-tight">
          Gatehouse
        </Link>
        <ServerSwitcher
          servers={servers.map((s) => ({ slug: s.slug, name: s.name }))}
          canCreate={hasPermission(user.role, "servers.write")}
        />
        <nav aria-label="Main">
          <NavLinks role={user.role} />
        </nav>
        <div className="mt-auto border-t pt-4">
          <UserMenu
            email={user.email}
            name={user.name}
            role={user.role}
            signOutAction={signOutAction}
            link={{ href: "/account/apps", label: "My authorized apps" }}
          />
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-6 md:p-8">
        {cimdFlags.length > 0 && (
          <p role="alert" className="mb-6 flex gap-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm">
            <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>
              Local testing mode: {cimdFlags.join(" and ")} {cimdFlags.length > 1 ? "are" : "is"} set, which relaxes the
              SSRF guard of the client metadata-document fetcher (loopback addresses on this machine become reachable).
              Never set this in production.
            </span>
          </p>
        )}
        {children}
      </main>
    </div>
  );
}
