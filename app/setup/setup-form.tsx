"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useClientValidation } from "@/components/forms/use-client-validation";
import { FormField } from "@/components/ui/form-field";
import { SetupInput } from "@/lib/schemas/auth";
import { completeSetupAction } from "./actions";

export function SetupForm() {
  const [state, action, pending] = useActionState(completeSetupAction, null);
  const { clientErrors, onSubmit } = useClientValidation(SetupInput);
  const failed = state?.ok === false ? state : undefined;
  const errors = clientErrors ?? failed?.fieldErrors;
  const value = (k: string) => (typeof failed?.values?.[k] === "string" ? (failed.values[k] as string) : undefined);
  return (
    <form action={action} onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormAlert message={failed && !failed.fieldErrors ? failed.message : undefined} />
      <FormField
        label="Your name"
        name="name"
        required
        autoComplete="name"
        errors={errors?.name}
        defaultValue={value("name")}
      />
      <FormField
        label="Email"
        name="email"
        type="email"
        required
        autoComplete="email"
        errors={errors?.email}
        defaultValue={value("email")}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        required
        autoComplete="new-password"
        description="At least 12 characters."
        errors={errors?.password}
      />
      <FormField
        label="Confirm password"
        name="confirmPassword"
        type="password"
        required
        autoComplete="new-password"
        errors={errors?.confirmPassword}
      />
      <SubmitButton pending={pending}>Create owner account</SubmitButton>
    </form>
  );
}
