import { FormField } from "@/components/ui/form-field";

/** The new password, typed twice, with the policy spelled out (NIST SP 800-63B: length, not guessable). */
export function NewPasswordFields({ errors }: { errors: Record<string, string[]> | undefined }) {
  return (
    <>
      <FormField
        label="New password"
        name="next"
        type="password"
        required
        autoComplete="new-password"
        description="At least 12 characters. Not your email or name, not a common password. A passphrase works well."
        errors={errors?.next}
      />
      <FormField
        label="Confirm new password"
        name="confirm"
        type="password"
        required
        autoComplete="new-password"
        errors={errors?.confirm}
      />
    </>
  );
}
