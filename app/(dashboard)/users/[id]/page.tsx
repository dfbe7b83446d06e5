import { ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RevokeAllAccessButton, UserStatusButton } from "@/components/users/user-access-actions";
import { UserAccessTable } from "@/components/users/user-access-table";
import { ResetPasswordDialog } from "@/components/users/reset-password-dialog";
import { UserDetails } from "@/components/users/user-details";
import { canManageRole, hasPermission } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { getUserAccess, NotFoundError } from "@/lib/services";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user: viewer, ctx } = await requireStaff(`/users/${encodeURIComponent(id)}`, "users.read");
  const access = await getUserAccess({ ctx, userId: id }).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const { user, consents } = access;

  const canRevoke = hasPermission(viewer.role, "consents.revoke");
  // The service decides; these only hide what it would refuse: nobody disables themselves, and
  // disabling a staff member takes the right to manage their role (owners only for owners).
  const canDisable =
    hasPermission(viewer.role, "users.disable") &&
    viewer.id !== user.id &&
    (user.role === null || (viewer.role !== null && canManageRole(viewer.role, user.role)));
  const canResetPassword =
    hasPermission(viewer.role, "users.write") &&
    viewer.id !== user.id &&
    (user.role === null || (viewer.role !== null && canManageRole(viewer.role, user.role)));
  const statusListTtl = Math.max(0, ...consents.map((c) => c.server.statusListTtl));

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-1.5 text-sm text-muted-foreground">
          <li>
            <Link href="/users" className="hover:text-foreground">
              Users
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page" className="truncate text-foreground">
            {user.email}
          </li>
        </ol>
      </nav>
      <PageHeader
        className="pb-0"
        title={<span className="break-words">{user.name || user.email}</span>}
        description={user.name ? user.email : undefined}
        actions={
          canDisable || canResetPassword ? (
            <>
              {canResetPassword && !user.hasPassword && user.identityProviders.length > 0 ? (
                // No Gatehouse password to reset: giving one would bypass the identity provider.
                <p className="max-w-xs text-sm text-muted-foreground">
                  Signs in through {user.identityProviders.join(" or ")}: reset the password there.
                </p>
              ) : canResetPassword ? (
                <ResetPasswordDialog userId={user.id} email={user.email} scimProvider={user.scimProvider} />
              ) : null}
              {canDisable ? (
                <UserStatusButton userId={user.id} email={user.email} disabled={user.disabledAt !== null} />
              ) : null}
            </>
          ) : undefined
        }
      />
      {user.scimProvider ? (
        <p role="note" className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
          <span data-testid="scim-managed">Managed by {user.scimProvider} (SCIM)</span>. The identity provider may
          overwrite changes made here; deactivate the person there.
        </p>
      ) : null}
      <UserDetails user={user} />

      <section aria-labelledby="user-access" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div className="grid gap-1">
            <h2 id="user-access" className="text-lg font-semibold">
              Authorized apps
            </h2>
            <p className="text-sm text-muted-foreground">
              Every client this person allowed to act on their behalf, on every MCP server.
            </p>
          </div>
          {canRevoke && consents.length > 0 ? (
            <RevokeAllAccessButton
              userId={user.id}
              email={user.email}
              count={consents.length}
              statusListTtl={statusListTtl}
            />
          ) : null}
        </div>
        {consents.length > 0 ? (
          <UserAccessTable consents={consents} canRevoke={canRevoke} />
        ) : (
          <EmptyState
            icon={ShieldCheck}
            title="No authorized apps"
            description="This person has not allowed any MCP client to act on their behalf, or every consent was revoked."
          />
        )}
      </section>
    </div>
  );
}
