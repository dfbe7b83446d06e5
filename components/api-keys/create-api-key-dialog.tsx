"use client";

import { KeyRoundIcon } from "lucide-react";
import { startTransition, useActionState, useEffect, useState, type FormEvent, type ReactNode } from "react";
import { toast } from "sonner";
import { createApiKeyAction } from "@/app/(dashboard)/settings/api-keys/actions";
import {
  OneTimeSecretDialogButton,
  OneTimeSecretDialogProvider,
  OneTimeSecretView,
  useSecretDialogLock,
  type SecretDialogLock,
} from "@/components/feedback/one-time-secret-dialog";
import { FieldError } from "@/components/forms/field-error";
import { RoleField } from "@/components/members/role-select";
import { Button, type ButtonProps } from "@/components/ui/button";
import { DialogClose, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { canManageRole, ROLES, type Role } from "@/lib/auth/permissions";
import { API_KEY_EXPIRIES, CreateApiKeyInput, type ApiKeyExpiry } from "@/lib/schemas/api-keys";
import { fieldErrorsOf, formToObject, type FieldErrors } from "@/lib/schemas/form";

const EXPIRY_LABELS: Record<ApiKeyExpiry, string> = {
  never: "Never",
  "30d": "In 30 days",
  "90d": "In 90 days",
  "365d": "In 1 year",
};
const EXPIRIES = Object.keys(API_KEY_EXPIRIES).filter(isExpiry);
const FIELDS = ["name", "role", "expiresIn"] as const;

function isExpiry(value: string): value is ApiKeyExpiry {
  return Object.hasOwn(API_KEY_EXPIRIES, value);
}

/** Holds the page's one "Create API key" dialog, which several buttons open. */
export function CreateApiKeyDialogProvider({ viewerRole, children }: { viewerRole: Role; children: ReactNode }) {
  return (
    <OneTimeSecretDialogProvider
      marker="data-create-api-key"
      form={(onLockChange) => <CreateApiKeyForm viewerRole={viewerRole} onLockChange={onLockChange} />}
    >
      {children}
    </OneTimeSecretDialogProvider>
  );
}

/** Opens the page's "Create API key" dialog; use inside CreateApiKeyDialogProvider. */
export function CreateApiKeyButton(props: Omit<ButtonProps, "onClick" | "children" | "type">) {
  return (
    <OneTimeSecretDialogButton marker="data-create-api-key" icon={KeyRoundIcon} {...props}>
      Create API key
    </OneTimeSecretDialogButton>
  );
}

function CreateApiKeyForm({
  viewerRole,
  onLockChange,
}: {
  viewerRole: Role;
  onLockChange: (lock: SecretDialogLock) => void;
}) {
  const [state, dispatch, pending] = useActionState(createApiKeyAction, null);
  const roles = ROLES.filter((r) => canManageRole(viewerRole, r));
  const [role, setRole] = useState<Role>("VIEWER");
  const [expiresIn, setExpiresIn] = useState<ApiKeyExpiry>("90d");
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);

  useSecretDialogLock(pending, state?.ok === true, onLockChange);

  useEffect(() => {
    // Errors that belong to no field (e.g. "Only an owner can create a key with the Owner role.").
    if (state && !state.ok && !FIELDS.some((field) => state.fieldErrors?.[field]?.length)) toast.error(state.message);
  }, [state]);

  if (state?.ok) return <ApiKeyCreated name={state.data.apiKey.name} token={state.data.token} />;

  const failed = state?.ok === false ? state : undefined;
  const errors = clientErrors ?? failed?.fieldErrors ?? {};

  // Same schema as the server action; submitting through dispatch (not <form action>) keeps the
  // typed values, since React only resets forms that use the action prop.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    form.set("role", role);
    form.set("expiresIn", expiresIn);
    const parsed = CreateApiKeyInput.safeParse(formToObject(form));
    if (!parsed.success) {
      setClientErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setClientErrors(null);
    startTransition(() => dispatch(form));
  }

  const expiryErrors = errors.expiresIn ?? [];
  return (
    <>
      <DialogHeader>
        <DialogTitle>Create API key</DialogTitle>
        <DialogDescription>
          For a script or CI job that calls the admin API. The key can do what its role allows.
        </DialogDescription>
      </DialogHeader>
      <form noValidate onSubmit={onSubmit} className="grid gap-4" aria-busy={pending}>
        <FormField
          label="Name"
          name="name"
          id="create-api-key-name"
          required
          autoComplete="off"
          placeholder="CI deploys"
          errors={errors.name}
          description="Says where the key is used, so you know what breaks when you revoke it."
        />
        <RoleField
          id="create-api-key-role"
          value={role}
          onValueChange={setRole}
          roles={roles}
          errors={errors.role ?? []}
        />
        <div className="grid gap-2">
          <Label htmlFor="create-api-key-expires">Expires</Label>
          <Select value={expiresIn} onValueChange={(next) => isExpiry(next) && setExpiresIn(next)}>
            <SelectTrigger
              id="create-api-key-expires"
              className="w-full"
              aria-invalid={expiryErrors.length > 0 ? true : undefined}
              aria-describedby={expiryErrors.length > 0 ? "create-api-key-expires-error" : undefined}
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {EXPIRIES.map((expiry) => (
                <SelectItem key={expiry} value={expiry}>
                  {EXPIRY_LABELS[expiry]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <FieldError id="create-api-key-expires-error" errors={expiryErrors} />
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" aria-disabled={pending}>
            {pending ? "Creating…" : "Create API key"}
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}

/** The one-time view: the token lives only here, in the action state. */
function ApiKeyCreated({ name, token }: { name: string; token: string }) {
  return (
    <OneTimeSecretView
      title="API key created"
      description={`Copy the key for “${name}” now and keep it in a secret store.`}
      secret={token}
      copyLabel="API key"
    >
      <p className="text-sm text-muted-foreground">
        It will not be shown again. Send it as <code className="font-mono">Authorization: Bearer gha_…</code> to the
        admin API at <code className="font-mono">/api/v1</code>.
      </p>
    </OneTimeSecretView>
  );
}
