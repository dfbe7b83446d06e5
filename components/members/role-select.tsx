"use client";

import type * as React from "react";
import { FieldError } from "@/components/forms/field-error";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { isRole, ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from "@/lib/auth/permissions";

export type RoleSelectProps = Omit<
  React.ComponentProps<typeof SelectTrigger>,
  "value" | "defaultValue" | "onChange"
> & {
  value: Role;
  onValueChange: (role: Role) => void;
  /** The roles offered (already limited by canManageRole). */
  roles: readonly Role[];
  /** Submitted with a surrounding form under this name. */
  name?: string;
};

/**
 * A role picker. Radix Select commits only on an explicit choice (click or Enter), so a row that
 * saves on change does not fire once per arrow key the way a native <select> can.
 * Give it a name: `id` + `<Label htmlFor>`, or `aria-label`.
 */
export function RoleSelect({ value, onValueChange, roles, name, size = "sm", ...triggerProps }: RoleSelectProps) {
  return (
    <Select value={value} name={name} onValueChange={(next) => isRole(next) && onValueChange(next)}>
      <SelectTrigger size={size} {...triggerProps}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {roles.map((role) => (
          <SelectItem key={role} value={role}>
            {ROLE_LABELS[role]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

/**
 * A labelled "Role" field for a dialog form: the picker, what the chosen role can do (its
 * description) and its errors, wired to the picker with `aria-describedby`.
 */
export function RoleField({
  id,
  errors,
  ...selectProps
}: { id: string; errors: readonly string[] } & Pick<RoleSelectProps, "value" | "onValueChange" | "roles" | "name">) {
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>Role</Label>
      <RoleSelect
        id={id}
        size="default"
        className="w-full"
        {...selectProps}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${descriptionId} ${errorId}` : descriptionId}
      />
      <p id={descriptionId} className="text-sm text-muted-foreground">
        {ROLE_DESCRIPTIONS[selectProps.value]}
      </p>
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}
