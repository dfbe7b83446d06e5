"use client";

import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { revokeInitialAccessTokenAction } from "@/app/(dashboard)/servers/[slug]/settings/registration/actions";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { InitialAccessTokenDto, InitialAccessTokenStatus } from "@/lib/services";

const STATUS: Record<InitialAccessTokenStatus, { label: string; variant: "success" | "secondary" | "warning" }> = {
  active: { label: "Active", variant: "success" },
  used_up: { label: "Used up", variant: "secondary" },
  expired: { label: "Expired", variant: "secondary" },
  revoked: { label: "Revoked", variant: "warning" },
};

export function InitialAccessTokensTable({
  serverSlug,
  tokens,
  canEdit,
}: {
  serverSlug: string;
  tokens: InitialAccessTokenDto[];
  canEdit: boolean;
}) {
  if (tokens.length === 0) {
    return (
      <div className="rounded-lg border p-6 text-center">
        <h2 className="font-medium">No initial access tokens yet</h2>
        <p className="mt-1 text-sm text-muted-foreground">
          Create one for each developer or pipeline that may register a client while tokens are required.
        </p>
      </div>
    );
  }
  return (
    <div className="rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Token</TableHead>
            <TableHead className="text-right">Registrations</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tokens.map((t) => (
            <TableRow key={t.id}>
              <TableCell className="font-medium">{t.name}</TableCell>
              <TableCell>
                <code className="font-mono text-xs">{t.prefix}…</code>
              </TableCell>
              <TableCell className="text-right tabular-nums">
                {t.uses} / {t.maxUses ?? "∞"}
              </TableCell>
              <TableCell>{t.expiresAt ? <LocalTime iso={t.expiresAt} /> : "Never"}</TableCell>
              <TableCell>
                <Badge variant={STATUS[t.status].variant}>{STATUS[t.status].label}</Badge>
              </TableCell>
              <TableCell>
                <span className="grid">
                  <LocalTime iso={t.createdAt} relative />
                  {t.createdByLabel && <span className="text-xs text-muted-foreground">{t.createdByLabel}</span>}
                </span>
              </TableCell>
              <TableCell className="text-right">
                {canEdit && t.status !== "revoked" ? <RevokeDialog serverSlug={serverSlug} token={t} /> : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function RevokeDialog({ serverSlug, token }: { serverSlug: string; token: InitialAccessTokenDto }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await revokeInitialAccessTokenAction(null, form);
      if (result.ok) {
        setOpen(false);
        toast.success(`Initial access token “${token.name}” revoked`);
      } else toast.error(result.message);
    });
  }
  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive">
          Revoke<span className="sr-only"> {token.name}</span>
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{`Revoke “${token.name}”?`}</AlertDialogTitle>
          <AlertDialogDescription>
            Registrations with this token fail with 401 from now on. Clients it already registered keep working. This
            cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <form onSubmit={onSubmit}>
          <input type="hidden" name="serverSlug" value={serverSlug} />
          <input type="hidden" name="tokenId" value={token.id} />
          <AlertDialogFooter>
            <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" aria-disabled={pending}>
              {pending ? "Revoking…" : "Revoke token"}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
