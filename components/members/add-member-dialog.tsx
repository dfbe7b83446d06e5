"use client";

import { useQueryClient } from "@tanstack/react-query";
import { UserPlusIcon } from "lucide-react";
import { startTransition, useActionState, useEffect, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { addMemberAction } from "@/app/(dashboard)/members/actions";
import { SecretReveal } from "@/components/feedback/secret-reveal";
import { SecretDialog, type SecretLock } from "@/components/feedback/secret-dialog";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { canManageRole, ROLES, type Role } from "@/lib/auth/permissions";
import { memberKeys } from "@/lib/queries/members";
import { AddMemberInput } from "@/lib/schemas/members";
import { fieldErrorsOf, formToObject, type FieldErrors } from "@/lib/schemas/form";
import { RoleField } from "./role-select";
import { PersonFields } from "@/components/users/person-fields";

export function AddMemberDialog({ viewerRole }: { viewerRole: Role }) {
  return (
    <SecretDialog
      trigger={
        <Button>
          <UserPlusIcon aria-hidden="true" />
          Add member
        </Button>
      }
    >
      {(onLockChange) => <AddMemberForm viewerRole={viewerRole} onLockChange={onLockChange} />}
    </SecretDialog>
  );
}

const FIELDS = ["email", "name", "role"] as const;

function AddMemberForm({ viewerRole, onLockChange }: { viewerRole: Role; onLockChange: (lock: SecretLock) => void }) {
  const queryClient = useQueryClient();
  const [state, dispatch, pending] = useActionState(addMemberAction, null);
  const [role, setRole] = useState<Role>("VIEWER");
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const roles = ROLES.filter((r) => canManageRole(viewerRole, r));

  const lock: SecretLock = pending ? "saving" : state?.ok ? "secret" : null;
  useEffect(() => onLockChange(lock), [lock, onLockChange]);

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
    } else if (!FIELDS.some((field) => state.fieldErrors?.[field]?.length)) {
      // Errors that belong to no field (e.g. "Only an owner can add another owner.").
      toast.error(state.message);
    }
  }, [state, queryClient]);

  if (state?.ok)
    return <MemberAdded email={state.data.member.email} temporaryPassword={state.data.temporaryPassword} />;

  const errors = clientErrors ?? (state?.ok === false ? state.fieldErrors : undefined) ?? {};

  // Same schema as the server action; submitting through dispatch (not <form action>) keeps the
  // typed values, since React only resets forms that use the action prop.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    form.set("role", role);
    const parsed = AddMemberInput.safeParse(formToObject(form));
    if (!parsed.success) {
      setClientErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setClientErrors(null);
    startTransition(() => dispatch(form));
  }

  return (
    <>
      <DialogHeader>
        <DialogTitle>Add member</DialogTitle>
        <DialogDescription>
          Give someone access to this dashboard. Their role decides what they can do.
        </DialogDescription>
      </DialogHeader>
      <form noValidate onSubmit={onSubmit} className="grid gap-4" aria-busy={pending}>
        <PersonFields idPrefix="add-member" errors={errors} />
        <RoleField
          id="add-member-role"
          name="role"
          value={role}
          onValueChange={setRole}
          roles={roles}
          errors={errors.role ?? []}
        />
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" aria-disabled={pending}>
            {pending ? "Adding…" : "Add member"}
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}

/** The one-time view: the temporary password lives only here, in the action state. */
function MemberAdded({ email, temporaryPassword }: { email: string; temporaryPassword: string | null }) {
  return (
    <>
      <DialogHeader>
        <DialogTitle>Member added</DialogTitle>
        <DialogDescription>
          {temporaryPassword
            ? `Temporary password for ${email}.`
            : `${email} already had an account; they can sign in with their existing password.`}
        </DialogDescription>
      </DialogHeader>
      {temporaryPassword ? (
        <SecretReveal secret={temporaryPassword} copyLabel="temporary password">
          <p className="text-sm text-muted-foreground">
            Share it privately. It will not be shown again; they should change it after signing in.
          </p>
        </SecretReveal>
      ) : null}
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" autoFocus={!temporaryPassword}>
            Done
          </Button>
        </DialogClose>
      </DialogFooter>
    </>
  );
}
