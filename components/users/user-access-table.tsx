import Link from "next/link";
import { AppLogo } from "@/components/consents/app-logo";
import { ConsentScopes } from "@/components/consents/consent-scopes";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ConsentDto } from "@/lib/services";
import { RevokeUserConsentButton } from "./user-access-actions";
import { UserDate } from "./user-date";

// A fixed locale: the server render and the browser must print the same digits.
const count = new Intl.NumberFormat("en-US");

/** Every consent of one user, across MCP servers and clients; server-rendered. */
export function UserAccessTable({ consents, canRevoke }: { consents: ConsentDto[]; canRevoke: boolean }) {
  return (
    <div className="rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>MCP server</TableHead>
            <TableHead>Client</TableHead>
            <TableHead>Scopes</TableHead>
            <TableHead>Granted</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead className="text-right">Refresh tokens</TableHead>
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
              <TableCell>
                <Link href={`/servers/${consent.server.slug}`} className="hover:underline">
                  {consent.server.name}
                </Link>
              </TableCell>
              <TableCell className="max-w-72">
                <div className="flex items-center gap-2">
                  <AppLogo name={consent.client.name} logoUri={consent.client.logoUri} className="size-7 text-xs" />
                  <div className="flex min-w-0 flex-col">
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
                </div>
              </TableCell>
              <TableCell className="max-w-80 whitespace-normal">
                <ConsentScopes scopes={consent.scopes} />
              </TableCell>
              <TableCell>
                <UserDate value={consent.grantedAt} withTime />
              </TableCell>
              <TableCell>
                <UserDate value={consent.lastUsedAt} withTime fallback="Never" />
              </TableCell>
              <TableCell className="text-right tabular-nums">{count.format(consent.liveRefreshTokens)}</TableCell>
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
