import Link from "next/link";
import { cn } from "@/lib/utils";

const TABS = [
  { segment: "", label: "Overview" },
  { segment: "/clients", label: "Clients" },
  { segment: "/connect", label: "Connect" },
  { segment: "/settings", label: "Settings" },
] as const;

export type ServerTabSegment = (typeof TABS)[number]["segment"];

/** Links, not client tabs: each view has its own URL. */
export function ServerTabs({ slug, current }: { slug: string; current: ServerTabSegment }) {
  return (
    <nav aria-label="MCP server sections" className="flex gap-1 border-b">
      {TABS.map((t) => (
        <Link
          key={t.segment}
          href={`/servers/${slug}${t.segment}`}
          aria-current={t.segment === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-muted-foreground hover:text-foreground",
            t.segment === current && "border-primary text-foreground",
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
