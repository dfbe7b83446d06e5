"use client";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import type { ConsentDto } from "@/lib/services";
import { revocationEffect } from "./consent-url";

const LISTED = 5;

/**
 * Confirms revoking one consent or a selection of them. Controlled by the table: it keeps the
 * targets while closing so the text does not change during the exit animation. Radix AlertDialog
 * gives Cancel the initial focus.
 */
export function RevokeConsentsDialog({
  open,
  targets,
  clientName,
  onOpenChange,
  onConfirm,
}: {
  open: boolean;
  targets: ConsentDto[];
  clientName: string;
  onOpenChange: (open: boolean) => void;
  onConfirm: (targets: ConsentDto[]) => void;
}) {
  const first = targets[0];
  const ttl = Math.max(0, ...targets.map((c) => c.server.statusListTtl));
  const isPlural = targets.length > 1;
  const listed = targets.slice(0, LISTED).map((c) => c.user.email);
  const more = targets.length - listed.length;
  const byPolicy = [...new Set(targets.flatMap((c) => (c.grantedBy ? [c.grantedBy.label] : [])))];

  return (
    <AlertDialog open={open && first !== undefined} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{isPlural ? `Revoke ${targets.length} consents?` : "Revoke consent?"}</AlertDialogTitle>
          <AlertDialogDescription>
            {isPlural
              ? `${targets.length} users will lose access through ${clientName}: ${listed.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`
              : `${first?.user.email ?? ""} will lose access through ${clientName}.`}{" "}
            {revocationEffect(ttl)}{" "}
            {isPlural
              ? "Their next authorizations will ask for consent again."
              : "Their next authorization will ask for consent again."}
            {byPolicy.length > 0 &&
              ` Access granted by ${byPolicy.join(" or ")} policy comes back with the client's next identity assertion (ID-JAG) unless that provider's policy stops issuing them: change it there to end the access for good.`}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={() => onConfirm(targets)}>
            {isPlural ? `Revoke ${targets.length} consents` : "Revoke consent"}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
