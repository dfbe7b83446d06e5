"use client";

import { useQuery } from "@tanstack/react-query";
import { UserDate } from "@/components/users/user-date";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { canManageRole, ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { membersListQuery } from "@/lib/queries/members";
import type { UserDto } from "@/lib/services";
import { MemberRoleControl } from "./member-role-control";
import { RemoveMemberDialog } from "./remove-member-dialog";

export type MembersViewer = { userId: string; role: Role; canManage: boolean };

/** Staff list, hydrated from the server prefetch. Without members.write it is read-only. */
export function MembersTable({ viewer }: { viewer: MembersViewer }) {
  const { data, error, isPending, refetch, isRefetching } = useQuery(membersListQuery());
  const manageableRoles = viewer.canManage ? ROLES.filter((r) => canManageRole(viewer.role, r)) : [];
  const columns = viewer.canManage ? 5 : 4;

  return (
    <div className="rounded-lg border">
      <Table aria-busy={isPending || isRefetching}>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Last sign-in</TableHead>
            <TableHead>Added</TableHead>
            {viewer.canManage ? (
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {data ? (
            data.members.length > 0 ? (
              data.members.map((member) => (
                <MemberRow key={member.id} member={member} viewer={viewer} manageableRoles={manageableRoles} />
              ))
            ) : (
              <TableRow>
                <TableCell colSpan={columns} className="h-24 text-center text-muted-foreground">
                  No members.
                </TableCell>
              </TableRow>
            )
          ) : error ? (
            <TableRow>
              <TableCell colSpan={columns} className="h-24 text-center">
                <div role="alert" className="flex flex-col items-center gap-2">
                  <p className="text-sm text-muted-foreground">The members could not be loaded. {error.message}</p>
                  <Button variant="outline" size="sm" onClick={() => void refetch()}>
                    Try again
                  </Button>
                </div>
              </TableCell>
            </TableRow>
          ) : (
            Array.from({ length: 3 }, (_, i) => (
              <TableRow key={i}>
                <TableCell colSpan={columns}>
                  <Skeleton className="h-8 w-full" />
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}

function MemberRow({
  member,
  viewer,
  manageableRoles,
}: {
  member: UserDto;
  viewer: MembersViewer;
  manageableRoles: readonly Role[];
}) {
  const isSelf = member.id === viewer.userId;
  const role = member.role;
  // An admin sees owners read-only: only owners manage the Owner role (the service enforces it too).
  const manageable = viewer.canManage && role !== null && canManageRole(viewer.role, role);

  return (
    <TableRow>
      <TableCell>
        <div className="flex min-w-0 flex-col">
          <span className="flex items-center gap-2 font-medium">
            <span className="truncate">{member.name || member.email}</span>
            {isSelf ? <Badge variant="outline">You</Badge> : null}
            {member.disabledAt ? <Badge variant="destructive">Disabled</Badge> : null}
          </span>
          {member.name ? <span className="truncate text-muted-foreground">{member.email}</span> : null}
        </div>
      </TableCell>
      <TableCell>
        {manageable && role ? (
          <MemberRoleControl userId={member.id} email={member.email} role={role} roles={manageableRoles} />
        ) : role ? (
          <Badge variant="secondary">{ROLE_LABELS[role]}</Badge>
        ) : (
          <span className="text-muted-foreground">None</span>
        )}
      </TableCell>
      <TableCell>
        <UserDate value={member.lastSignInAt} fallback="Never" />
      </TableCell>
      <TableCell>
        <UserDate value={member.createdAt} />
      </TableCell>
      {viewer.canManage ? (
        <TableCell className="text-right">
          {manageable ? <RemoveMemberDialog userId={member.id} email={member.email} isSelf={isSelf} /> : null}
        </TableCell>
      ) : null}
    </TableRow>
  );
}
