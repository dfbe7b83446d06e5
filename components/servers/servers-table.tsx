"use client";

import { useQuery } from "@tanstack/react-query";
import { Server } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { serversListQuery } from "@/lib/queries/servers";
import { NewServerButton } from "./new-server-button";

export function ServersTable({ canCreate }: { canCreate: boolean }) {
  const { data, error } = useQuery(serversListQuery());
  if (error)
    return (
      <p role="alert" className="text-sm text-destructive">
        {error.message}
      </p>
    );
  const servers = data?.servers ?? [];
  if (servers.length === 0) {
    return (
      <EmptyState
        icon={Server}
        title="No MCP servers yet"
        description="Add the MCP server you want to protect: Gatehouse becomes its authorization server."
        action={canCreate ? <NewServerButton /> : undefined}
      />
    );
  }
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Resource URL</TableHead>
          <TableHead className="text-right">Clients</TableHead>
          <TableHead>Created</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {servers.map((s) => (
          <TableRow key={s.id}>
            <TableCell>
              <Link href={`/servers/${s.slug}`} className="font-medium hover:underline">
                {s.name}
              </Link>
              <div className="font-mono text-xs text-muted-foreground">{s.slug}</div>
            </TableCell>
            <TableCell className="font-mono text-sm break-all">{s.resourceUrl}</TableCell>
            <TableCell className="text-right tabular-nums">{s.clientsCount}</TableCell>
            <TableCell>
              <LocalTime iso={s.createdAt} relative />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
