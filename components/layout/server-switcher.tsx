"use client";

import { ChevronsUpDown, Plus, Server } from "lucide-react";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export interface SwitcherServer {
  slug: string;
  name: string;
}

/** Jumps between MCP servers; shows the one in the URL, if any. */
export function ServerSwitcher({ servers, canCreate }: { servers: SwitcherServer[]; canCreate: boolean }) {
  const router = useRouter();
  const params = useParams<{ slug?: string }>();
  const current = servers.find((s) => s.slug === params?.slug);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="w-full justify-between" aria-label="Switch MCP server">
          <span className="flex min-w-0 items-center gap-2">
            <Server aria-hidden className="size-4 shrink-0" />
            <span className="truncate">{current?.name ?? "All MCP servers"}</span>
          </span>
          <ChevronsUpDown aria-hidden className="size-4 shrink-0 opacity-60" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>MCP servers</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => router.push("/servers")}>All MCP servers</DropdownMenuItem>
        <DropdownMenuSeparator />
        {servers.map((s) => (
          <DropdownMenuItem key={s.slug} onSelect={() => router.push(`/servers/${s.slug}`)}>
            <span className="truncate">{s.name}</span>
            <span className="ml-auto text-xs text-muted-foreground">{s.slug}</span>
          </DropdownMenuItem>
        ))}
        {canCreate && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem asChild>
              <Link href="/servers/new">
                <Plus aria-hidden className="size-4" /> New MCP server
              </Link>
            </DropdownMenuItem>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
