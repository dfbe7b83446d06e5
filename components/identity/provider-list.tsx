"use client";

// The Identity providers list, the end-user password switch, "Test connection" and delete.
import Link from "next/link";
import { useActionState } from "react";
import {
  deleteProviderAction,
  setLocalPasswordsAction,
  testProviderAction,
} from "@/app/(dashboard)/settings/identity-providers/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { Badge } from "@/components/ui/badge";
import { IDP_PRESETS } from "@/lib/identity/presets";
import type { IdentityProviderDto } from "@/lib/services";

export function ProviderTable({ providers }: { providers: IdentityProviderDto[] }) {
  if (providers.length === 0)
    return (
      <p className="rounded-md border p-6 text-sm text-muted-foreground">
        No identity providers yet: the sign-in page offers email and password only.
      </p>
    );
  return (
    <ul className="divide-y rounded-md border">
      {providers.map((p) => (
        <li key={p.id} className="flex items-center justify-between gap-4 p-4">
          <div>
            <Link
              href={`/settings/identity-providers/${p.id}`}
              className="font-medium underline-offset-4 hover:underline"
            >
              {p.label}
            </Link>
            <p className="text-sm text-muted-foreground">
              {IDP_PRESETS[p.preset].name} · {p.issuer}
              {p.allowedDomains.length > 0 && ` · ${p.allowedDomains.join(", ")}`}
            </p>
          </div>
          <Badge variant={p.enabled ? "default" : "secondary"}>{p.enabled ? "Enabled" : "Off"}</Badge>
        </li>
      ))}
    </ul>
  );
}

export function LocalPasswordsForm({ enabled }: { enabled: boolean }) {
  const [state, action, pending] = useActionState(setLocalPasswordsAction, null);
  return (
    <form action={action} className="grid gap-3 rounded-md border p-4">
      <h2 className="font-medium">Local passwords</h2>
      <FormAlert message={state?.ok === false ? state.message : undefined} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="localPasswordsForEndUsers" defaultChecked={enabled} className="mt-1" />
        <span>
          End users may sign in with a password
          <span className="block text-muted-foreground">
            Off: end users must use an identity provider. Staff (and always the owner) keep their passwords.
          </span>
        </span>
      </label>
      <SubmitButton pending={pending} variant="outline" className="justify-self-start">
        Save
      </SubmitButton>
    </form>
  );
}

export function TestConnection({ providerId }: { providerId: string }) {
  const [state, action, pending] = useActionState(testProviderAction, null);
  return (
    <form action={action} className="grid gap-3 rounded-md border p-4">
      <input type="hidden" name="providerId" value={providerId} />
      <div className="flex items-center justify-between">
        <h2 className="font-medium">Connection</h2>
        <SubmitButton pending={pending} variant="outline">
          Test connection
        </SubmitButton>
      </div>
      <FormAlert message={state?.ok === false ? state.message : undefined} />
      {state?.ok && (
        <ul className="grid gap-1 text-sm" aria-label="Connection checks">
          {state.data.map((c) => (
            <li key={c.name}>
              <span className={c.ok ? "text-green-700" : "text-destructive"}>{c.ok ? "✓" : "✗"}</span>{" "}
              <strong>{c.name}:</strong> {c.detail}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

export function DeleteProviderForm({ providerId, label }: { providerId: string; label: string }) {
  const [state, action, pending] = useActionState(deleteProviderAction, null);
  return (
    <form action={action} className="grid gap-2 rounded-md border border-destructive/40 p-4">
      <input type="hidden" name="providerId" value={providerId} />
      <h2 className="font-medium">Remove {label}</h2>
      <p className="text-sm text-muted-foreground">
        People linked through it can no longer sign in with it; their accounts stay.
      </p>
      <FormAlert message={state?.ok === false ? state.message : undefined} />
      <SubmitButton pending={pending} variant="destructive" className="justify-self-start">
        Remove provider
      </SubmitButton>
    </form>
  );
}
