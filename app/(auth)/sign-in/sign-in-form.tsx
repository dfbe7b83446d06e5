"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useClientValidation } from "@/components/forms/use-client-validation";
import { FormField } from "@/components/ui/form-field";
import { SignInInput } from "@/lib/schemas/auth";
import { signInAction } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState(signInAction, null);
  const { clientErrors, onSubmit } = useClientValidation(SignInInput);
  const failed = state?.ok === false ? state : undefined;
  const errors = clientErrors ?? failed?.fieldErrors;
  const email = typeof failed?.values?.email === "string" ? failed.values.email : undefined;
  return (
    <form action={action} onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormAlert message={failed && !failed.fieldErrors ? failed.message : undefined} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormField
        label="Email"
        name="email"
        type="email"
        required
        autoComplete="username"
        errors={errors?.email}
        defaultValue={email}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        required
        autoComplete="current-password"
        errors={errors?.password}
      />
      <SubmitButton pending={pending}>Sign in</SubmitButton>
    </form>
  );
}
