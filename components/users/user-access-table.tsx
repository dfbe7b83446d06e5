import Link from "next/link";
import { ConsentRowCells } from "@/components/consents/consent-row-cells";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ConsentDto } from "@/lib/services";
import { RevokeUserConsentButton } from "./user-access-actions";

/** Every consent of one user, across MCP servers and clients; server-rendered. */
export function UserAccessTable({ consents, canRevoke }: { consents: ConsentDto[]; canRevoke: boolean }) {
  return (
    <div className="min-w-0 rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>MCP server</TableHead>
            <TableHead>Client</TableHead>
            <TableHead>Scopes</TableHead>
            <TableHead>Granted</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead className="w-20 text-right whitespace-normal">Refresh tokens</TableHead>
            {canRevoke ? (
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {consents.map((consent) => (
            <TableRow key={consent.id}>
              <TableCell className="whitespace-normal">
                <Link href={`/servers/${consent.server.slug}`} className="block max-w-32 hover:underline">
                  {consent.server.name}
                </Link>
              </TableCell>
              <TableCell>
                <div className="flex max-w-48 min-w-0 flex-col">
                  <Link
                    href={`/servers/${consent.server.slug}/clients/${consent.client.id}`}
                    className="truncate font-medium hover:underline"
                    title={consent.client.name}
                  >
                    {consent.client.name}
                  </Link>
                  <code className="truncate font-mono text-xs text-muted-foreground" title={consent.client.clientId}>
                    {consent.client.clientId}
                  </code>
                </div>
              </TableCell>
              <ConsentRowCells consent={consent} scopesClassName="max-w-52 min-w-36" />
              {canRevoke ? (
                <TableCell className="text-right">
                  <RevokeUserConsentButton consent={consent} />
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
