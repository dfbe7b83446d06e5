import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { UserDate } from "@/components/users/user-date";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { ApiKeyDto } from "@/lib/services";
import { RevokeApiKeyDialog } from "./revoke-api-key-dialog";

export type ApiKeyStatus = "active" | "revoked" | "expired";

/** Revoked wins over expired: it is the deliberate act, and it is what the audit log shows. */
export function apiKeyStatus(key: Pick<ApiKeyDto, "revokedAt" | "expiresAt">, now: Date): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && Date.parse(key.expiresAt) <= now.getTime()) return "expired";
  return "active";
}

const STATUS_BADGES = {
  active: { label: "Active", variant: "success" },
  revoked: { label: "Revoked", variant: "destructive" },
  expired: { label: "Expired", variant: "outline" },
} as const;

/** The admin API keys; server-rendered. `now` decides which keys count as expired. */
export function ApiKeysTable({ keys, now }: { keys: ApiKeyDto[]; now: Date }) {
  return (
    <div className="rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Key</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Created by</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {keys.map((key) => {
            const status = apiKeyStatus(key, now);
            const badge = STATUS_BADGES[status];
            return (
              <TableRow key={key.id}>
                <TableCell className="font-medium">{key.name}</TableCell>
                <TableCell>
                  <code className="whitespace-nowrap font-mono text-xs">{`gha_${key.prefix}…`}</code>
                </TableCell>
                <TableCell>
                  <Badge variant="secondary">{ROLE_LABELS[key.role]}</Badge>
                </TableCell>
                <TableCell>{key.createdByLabel ?? <span className="text-muted-foreground">—</span>}</TableCell>
                <TableCell>
                  <UserDate value={key.createdAt} />
                </TableCell>
                <TableCell>
                  <UserDate value={key.lastUsedAt} fallback="Never" />
                </TableCell>
                <TableCell>
                  <UserDate value={key.expiresAt} fallback="Never" />
                </TableCell>
                <TableCell>
                  <Badge variant={badge.variant}>{badge.label}</Badge>
                </TableCell>
                <TableCell className="text-right">
                  {status === "active" ? <RevokeApiKeyDialog keyId={key.id} name={key.name} /> : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
