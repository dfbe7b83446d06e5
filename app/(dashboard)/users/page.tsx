import { SearchXIcon, UsersIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AddUserDialog } from "@/components/users/add-user-dialog";
import { UsersSearchForm } from "@/components/users/users-search-form";
import { UsersTable } from "@/components/users/users-table";
import { hasPermission } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { listUsers } from "@/lib/services";

export const metadata: Metadata = { title: "Users" };

const LIMIT = 100;

export default async function UsersPage({ searchParams }: PageProps<"/users">) {
  const { user: viewer, ctx } = await requireStaff("/users", "users.read");
  const raw = (await searchParams).q;
  // Same bounds as the service's input, so a hand-edited URL cannot turn into an error page.
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 200) ?? "";
  const users = await listUsers({ ctx, input: { q: q || undefined, kind: "all", limit: LIMIT } });

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in: end users who authorize MCP clients, and staff."
        actions={hasPermission(viewer.role, "users.write") ? <AddUserDialog /> : undefined}
      />
      <UsersSearchForm q={q} />
      {users.length > 0 ? (
        <>
          <UsersTable users={users} />
          <p className="mt-3 text-sm text-muted-foreground">
            {users.length === LIMIT
              ? `Showing the first ${LIMIT} users${q ? " that match" : ""}. Search to narrow the list.`
              : `Showing ${users.length} ${users.length === 1 ? "user" : "users"}${q ? ` matching “${q}”` : ""}.`}
          </p>
        </>
      ) : q ? (
        <EmptyState
          icon={SearchXIcon}
          title={`No users match “${q}”`}
          description="Check the spelling, or search by another part of the email address or name."
          action={
            <Button asChild variant="outline">
              <Link href="/users">Clear search</Link>
            </Button>
          }
        />
      ) : (
        <EmptyState
          icon={UsersIcon}
          title="No users yet"
          description="People appear here once you add them, they sign in through an identity provider, or they are added as members."
          action={
            <Button asChild variant="outline">
              <Link href="/members">Go to Members</Link>
            </Button>
          }
        />
      )}
    </>
  );
}
