"use client";

import { UserPlusIcon } from "lucide-react";
import { startTransition, useActionState, useEffect, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { addUserAction } from "@/app/(dashboard)/users/actions";
import { FieldError } from "@/components/forms/field-error";
import { CopyableValue, SecretReveal } from "@/components/feedback/secret-reveal";
import { SecretDialog, type SecretLock } from "@/components/feedback/secret-dialog";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { AddEndUserInput, type CreateMode } from "@/lib/schemas/account";
import { fieldErrorsOf, formToObject, type FieldErrors } from "@/lib/schemas/form";
import type { CreateEndUserResult } from "@/lib/services";
import { PersonFields } from "@/components/users/person-fields";

const MODES: { value: CreateMode; label: string; hint: string }[] = [
  {
    value: "temporary-password",
    label: "Temporary password",
    hint: "You pass it on; they choose their own at first sign-in.",
  },
  { value: "invite-link", label: "Invite link", hint: "They open it and set a password. Works once, for 7 days." },
];

/** Users → Add user: an end user with a local password (no identity provider needed). */
export function AddUserDialog() {
  return (
    <SecretDialog
      trigger={
        <Button>
          <UserPlusIcon aria-hidden="true" />
          Add user
        </Button>
      }
    >
      {(onLockChange) => <AddUserForm onLockChange={onLockChange} />}
    </SecretDialog>
  );
}

function AddUserForm({ onLockChange }: { onLockChange: (lock: SecretLock) => void }) {
  const [state, dispatch, pending] = useActionState(addUserAction, null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const lock: SecretLock = pending ? "saving" : state?.ok ? "secret" : null;
  useEffect(() => onLockChange(lock), [lock, onLockChange]);
  useEffect(() => {
    if (state?.ok === false && !["email", "name", "mode"].some((f) => state.fieldErrors?.[f]?.length))
      toast.error(state.message);
  }, [state]);

  if (state?.ok) return <UserAdded result={state.data} />;
  const errors = clientErrors ?? (state?.ok === false ? state.fieldErrors : undefined) ?? {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const parsed = AddEndUserInput.safeParse(formToObject(form));
    if (!parsed.success) return setClientErrors(fieldErrorsOf(parsed.error));
    setClientErrors(null);
    startTransition(() => dispatch(form));
  }

  return (
    <>
      <DialogHeader>
        <DialogTitle>Add user</DialogTitle>
        <DialogDescription>
          Someone who signs in with a Gatehouse password to authorize MCP clients. No dashboard access.
        </DialogDescription>
      </DialogHeader>
      <form noValidate onSubmit={onSubmit} className="grid gap-4" aria-busy={pending}>
        <PersonFields idPrefix="add-user" errors={errors} />
        <fieldset className="grid gap-2" aria-describedby={errors.mode?.length ? "add-user-mode-error" : undefined}>
          <legend className="mb-1 text-sm font-medium">How they get a password</legend>
          {MODES.map((m, i) => (
            <label key={m.value} className="flex items-start gap-2 rounded-md border p-3 text-sm">
              <input type="radio" name="mode" value={m.value} defaultChecked={i === 0} className="mt-1" />
              <span className="grid gap-0.5">
                <span className="font-medium">{m.label}</span>
                <span className="text-muted-foreground">{m.hint}</span>
              </span>
            </label>
          ))}
          <FieldError id="add-user-mode-error" errors={errors.mode ?? []} />
        </fieldset>
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" aria-disabled={pending}>
            {pending ? "Adding…" : "Add user"}
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}

/** The one-time view: the temporary password or invite link lives only here, in the action state. */
function UserAdded({ result }: { result: CreateEndUserResult }) {
  const { user, temporaryPassword, inviteUrl } = result;
  return (
    <>
      <DialogHeader>
        <DialogTitle>User added</DialogTitle>
        <DialogDescription>
          {temporaryPassword
            ? `Temporary password for ${user.email}. They choose their own password at first sign-in.`
            : `Invite link for ${user.email}. It works once and expires in 7 days.`}
        </DialogDescription>
      </DialogHeader>
      {temporaryPassword ? (
        <SecretReveal secret={temporaryPassword} copyLabel="temporary password">
          <p className="text-sm text-muted-foreground">Share it privately. It will not be shown again.</p>
        </SecretReveal>
      ) : inviteUrl ? (
        <div className="grid gap-2">
          <CopyableValue label="Invite link" value={inviteUrl} autoFocus />
          <p className="text-sm text-muted-foreground">
            Send it to them privately: whoever opens it sets the password. It will not be shown again.
          </p>
        </div>
      ) : null}
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button">Done</Button>
        </DialogClose>
      </DialogFooter>
    </>
  );
}
