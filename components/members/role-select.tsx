"use client";

import type * as React from "react";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { isRole, ROLE_LABELS, type Role } from "@/lib/auth/permissions";

export type RoleSelectProps = Omit<React.ComponentProps<typeof SelectTrigger>, "value" | "defaultValue" | "onChange"> & {
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
