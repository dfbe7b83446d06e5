import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { UserDto } from "@/lib/services";
import { UserDate } from "./user-date";

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

/** Who this is: email, name, role (or end user), status, created and last sign-in. */
export function UserDetails({ user, scimProvider = null }: { user: UserDto; scimProvider?: string | null }) {
  return (
    <dl className="grid gap-4 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-3">
      <Detail label="Email">{user.email}</Detail>
      <Detail label="Name">{user.name ?? <span className="text-muted-foreground">—</span>}</Detail>
      <Detail label="Role">
        {user.role ? (
          <Badge variant="secondary">{ROLE_LABELS[user.role]}</Badge>
        ) : (
          <Badge variant="outline">End user</Badge>
        )}
      </Detail>
      <Detail label="Status">
        {user.disabledAt ? (
          <span className="flex flex-wrap items-center gap-2">
            <Badge variant="destructive">Disabled</Badge>
            <span className="text-muted-foreground">
              since <UserDate value={user.disabledAt} absolute />
            </span>
          </span>
        ) : (
          <Badge variant="success">Active</Badge>
        )}
      </Detail>
      {scimProvider ? (
        <Detail label="Source">
          <span data-testid="scim-managed">Managed by {scimProvider} (SCIM)</span>
          <span className="block text-muted-foreground">
            Changes made here may be overwritten by {scimProvider}; deactivate the person there.
          </span>
        </Detail>
      ) : null}
      <Detail label="Created">
        <UserDate value={user.createdAt} absolute />
      </Detail>
      <Detail label="Last sign-in">
        <UserDate value={user.lastSignInAt} absolute fallback="Never" />
      </Detail>
    </dl>
  );
}
