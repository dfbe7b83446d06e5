"use client";

import { ScrollText, Server, ShieldCheck, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

const LINKS = [
  { href: "/servers", label: "MCP servers", icon: Server },
  { href: "/users", label: "Users", icon: Users },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/members", label: "Members", icon: ShieldCheck },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex flex-row gap-1 md:flex-col">
      {LINKS.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
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
