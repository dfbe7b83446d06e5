"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { FormField } from "@/components/ui/form-field";
import { emailFirstAction } from "./actions";

/** Email-first sign-in: the domain picks the identity provider. */
export function EmailFirstForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState(emailFirstAction, null);
  const failed = state?.ok === false ? state : undefined;
  return (
    <form action={action} noValidate className="grid gap-2">
      <FormAlert message={failed && !failed.fieldErrors ? failed.message : undefined} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormField
        label="Work email"
        name="email"
        type="email"
        autoComplete="username"
        errors={failed?.fieldErrors?.email}
        defaultValue={typeof failed?.values?.email === "string" ? failed.values.email : undefined}
      />
      <SubmitButton pending={pending} variant="secondary">
        Continue with work email
      </SubmitButton>
    </form>
  );
}
