"use client";

import { useQueryClient } from "@tanstack/react-query";
import { startTransition, useActionState, useEffect, useState } from "react";
import { toast } from "sonner";
import { changeMemberRoleAction } from "@/app/(dashboard)/members/actions";
import type { Role } from "@/lib/auth/permissions";
import { memberKeys } from "@/lib/queries/members";
import { ChangeMemberRoleInput } from "@/lib/schemas/members";
import { RoleSelect } from "./role-select";

/** A row's role picker: saves on choice, shows the chosen role while saving, reverts on failure. */
export function MemberRoleControl({
  userId,
  email,
  role,
  roles,
}: {
  userId: string;
  email: string;
  role: Role;
  roles: readonly Role[];
}) {
  const queryClient = useQueryClient();
  const [state, dispatch, pending] = useActionState(changeMemberRoleAction, null);
  const [requested, setRequested] = useState<Role | null>(null);

  // Adjusted while rendering: a failure reverts the picker; fresh data from the server wins.
  const [handled, setHandled] = useState(state);
  if (state !== handled) {
    setHandled(state);
    if (state && !state.ok) setRequested(null);
  }
  const [lastRole, setLastRole] = useState(role);
  if (role !== lastRole) {
    setLastRole(role);
    setRequested(null);
  }

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      toast.success("Role changed");
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
    } else {
      toast.error(state.message);
    }
  }, [state, queryClient]);

  function change(next: Role) {
    const parsed = ChangeMemberRoleInput.safeParse({ userId, role: next });
    if (!parsed.success || parsed.data.role === (requested ?? role)) return;
    setRequested(parsed.data.role);
    const form = new FormData();
    form.set("userId", parsed.data.userId);
    form.set("role", parsed.data.role);
    startTransition(() => dispatch(form));
  }

  return (
    <RoleSelect
      aria-label={`Role for ${email}`}
      aria-busy={pending}
      value={requested ?? role}
      onValueChange={change}
      roles={roles}
      className="w-36"
    />
  );
}
