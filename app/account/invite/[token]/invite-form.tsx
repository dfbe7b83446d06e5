"use client";

import { useActionState } from "react";
import { NewPasswordFields } from "@/components/account/new-password-fields";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useClientValidation } from "@/components/forms/use-client-validation";
import { InvitePasswordForm } from "@/lib/schemas/account";
import { acceptInviteAction } from "./actions";

export function InviteForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(acceptInviteAction, null);
  const { clientErrors, onSubmit } = useClientValidation(InvitePasswordForm);
  const failed = state?.ok === false ? state : undefined;
  const errors = clientErrors ?? failed?.fieldErrors;
  return (
    <form action={action} onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormAlert message={failed && !failed.fieldErrors ? failed.message : undefined} />
      <input type="hidden" name="token" value={token} />
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <NewPasswordFields errors={errors} />
      <SubmitButton pending={pending}>Set password</SubmitButton>
    </form>
  );
}
