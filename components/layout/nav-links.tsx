"use client";

import {
  Archive,
  BookOpen,
  Fingerprint,
  KeyRound,
  ScrollText,
  Server,
  ShieldCheck,
  Users,
  Webhook,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { hasPermission, type Permission, type Role } from "@/lib/auth/permissions";
import { cn } from "@/lib/utils";

const LINKS = [
  { href: "/servers", label: "MCP servers", icon: Server, permission: "servers.read" },
  { href: "/users", label: "Users", icon: Users, permission: "users.read" },
  { href: "/audit", label: "Audit", icon: ScrollText, permission: "audit.read" },
  { href: "/members", label: "Members", icon: ShieldCheck, permission: "members.read" },
  { href: "/settings/api-keys", label: "API keys", icon: KeyRound, permission: "apikeys.write" },
  { href: "/settings/webhooks", label: "Webhooks", icon: Webhook, permission: "settings.write" },
  {
    href: "/settings/identity-providers",
    label: "Identity providers",
    icon: Fingerprint,
    permission: "settings.write",
  },
  { href: "/settings/audit-retention", label: "Data retention", icon: Archive, permission: "audit.retention" },
  { href: "/api-reference", label: "API reference", icon: BookOpen, permission: "servers.read" },
] as const satisfies readonly { href: string; label: string; icon: LucideIcon; permission: Permission }[];

/** The sidebar, showing only the sections the signed-in role may open. */
export function NavLinks({ role }: { role: Role | null }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-row flex-wrap gap-1 md:flex-col">
      {LINKS.filter((l) => hasPermission(role, l.permission)).map(({ href, label, icon: Icon }) => {
        const active = pathname === href || (pathname ?? "").startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground hover:bg-accent hover:text-accent-foreground",
                active && "bg-accent text-accent-foreground",
              )}
            >
              <Icon aria-hidden className="size-4" />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
