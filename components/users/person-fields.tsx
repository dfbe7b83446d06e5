import { FormField } from "@/components/ui/form-field";

/** Email (required) and name (optional) of a person being added: Users → Add user and Members → Add member. */
export function PersonFields({
  idPrefix,
  errors,
}: {
  /** Keeps the two dialogs' input ids apart (e.g. "add-user"). */
  idPrefix: string;
  errors: { email?: string[]; name?: string[] };
}) {
  return (
    <>
      <FormField
        label="Email"
        name="email"
        id={`${idPrefix}-email`}
        type="email"
        required
        autoComplete="off"
        errors={errors.email}
        inputProps={{ spellCheck: false }}
      />
      <FormField
        label="Name"
        name="name"
        id={`${idPrefix}-name`}
        autoComplete="off"
        errors={errors.name}
        description="Optional."
      />
    </>
  );
}
