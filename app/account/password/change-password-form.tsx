"use client";

import { useActionState } from "react";
import { NewPasswordFields } from "@/components/account/new-password-fields";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useClientValidation } from "@/components/forms/use-client-validation";
import { FormField } from "@/components/ui/form-field";
import { ChangePasswordForm as Schema } from "@/lib/schemas/account";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm({ email, callbackUrl }: { email: string; callbackUrl: string }) {
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const { clientErrors, onSubmit } = useClientValidation(Schema);
  const failed = state?.ok === false ? state : undefined;
  const errors = clientErrors ?? failed?.fieldErrors;
  return (
    <form action={action} onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormAlert message={failed && !failed.fieldErrors ? failed.message : undefined} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {/* For password managers: which account this password belongs to. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <FormField
        label="Current password"
        name="current"
        type="password"
        required
        autoComplete="current-password"
        errors={errors?.current}
      />
      <NewPasswordFields errors={errors} />
      <SubmitButton pending={pending}>Change password</SubmitButton>
    </form>
  );
}
