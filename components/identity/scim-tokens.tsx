"use client";

import { startTransition, useActionState, useEffect, type FormEvent } from "react";
import { toast } from "sonner";
import {
  createScimTokenAction,
  revokeScimTokenAction,
} from "@/app/(dashboard)/settings/identity-providers/[id]/scim/actions";
import { ActionConfirmDialog } from "@/components/feedback/action-confirm-dialog";
import { SecretReveal } from "@/components/feedback/secret-reveal";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ScimTokenDto } from "@/lib/services/scim/scim-tokens";

/** Creates a token and shows it once, in this form's action state only. */
export function CreateScimToken({ providerId }: { providerId: string }) {
  const [state, dispatch, pending] = useActionState(createScimTokenAction, null);
  useEffect(() => {
    if (state && !state.ok && !state.fieldErrors?.name?.length) toast.error(state.message);
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  }

  return (
    <section className="grid gap-3 rounded-md border p-4">
      <h2 className="font-medium">Create a SCIM token</h2>
      <form noValidate onSubmit={onSubmit} className="grid gap-3 sm:max-w-md" aria-busy={pending}>
        <input type="hidden" name="providerId" value={providerId} />
        <FormField
          label="Name"
          name="name"
          id="scim-token-name"
          required
          autoComplete="off"
          placeholder="Okta provisioning"
          errors={state?.ok === false ? state.fieldErrors?.name : undefined}
          description="Says which IdP app uses the token, so you know what stops when you revoke it."
        />
        <Button type="submit" className="justify-self-start" aria-disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {state?.ok ? (
        <SecretReveal secret={state.data.token} label="SCIM token">
          <p className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
            This token will not be shown again. Paste it into your IdP&apos;s provisioning settings as the bearer token
            (Entra ID: &ldquo;Secret token&rdquo;; Okta: &ldquo;HTTP Header&rdquo; authorization).
          </p>
        </SecretReveal>
      ) : null}
    </section>
  );
}

function RevokeButton({ providerId, token }: { providerId: string; token: ScimTokenDto }) {
  return (
    <ActionConfirmDialog
      triggerLabel="Revoke"
      triggerTarget={token.name}
      title={`Revoke “${token.name}”?`}
      description="The IdP's SCIM requests with this token will fail with 401 immediately: it can no longer create or deprovision users. This cannot be undone."
      fields={{ providerId, tokenId: token.id }}
      action={revokeScimTokenAction}
      confirmLabel="Revoke token"
      pendingLabel="Revoking…"
      successMessage={`SCIM token “${token.name}” revoked`}
    />
  );
}

const COLUMNS = ["Name", "Token", "Created", "Last used", "Status"];

export function ScimTokensTable({ providerId, tokens }: { providerId: string; tokens: ScimTokenDto[] }) {
  if (tokens.length === 0)
    return <p className="text-sm text-muted-foreground">No SCIM tokens yet: provisioning is off for this provider.</p>;
  return (
    <Table aria-label="SCIM tokens">
      <TableHeader>
        <TableRow>
          {COLUMNS.map((c) => (
            <TableHead key={c}>{c}</TableHead>
          ))}
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {tokens.map((t) => (
          <TableRow key={t.id}>
            <TableCell>{t.name}</TableCell>
            <TableCell>
              <code className="font-mono text-xs">{t.prefix}…</code>
            </TableCell>
            <TableCell>
              <LocalTime iso={t.createdAt} />
            </TableCell>
            <TableCell>{t.lastUsedAt ? <LocalTime iso={t.lastUsedAt} relative /> : "Never"}</TableCell>
            <TableCell>{t.revokedAt ? "Revoked" : "Active"}</TableCell>
            <TableCell className="text-right">
              {t.revokedAt ? null : <RevokeButton providerId={providerId} token={t} />}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
