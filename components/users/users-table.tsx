import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { UserDto } from "@/lib/services";
import { UserDate } from "./user-date";
import { UserSource } from "./user-source";

/** Everyone who can sign in; server-rendered. Each email opens the user's page (details and access). */
export function UsersTable({ users }: { users: UserDto[] }) {
  return (
    <div className="rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Email</TableHead>
            <TableHead>Name</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Source</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last sign-in</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => (
            <TableRow key={user.id}>
              <TableCell className="font-medium">
                <span className="flex items-center gap-2">
                  <Link href={`/users/${user.id}`} className="hover:underline">
                    {user.email}
                  </Link>
                  {user.disabledAt ? <Badge variant="destructive">Disabled</Badge> : null}
                </span>
              </TableCell>
              <TableCell>{user.name ?? <span className="text-muted-foreground">—</span>}</TableCell>
              <TableCell>
                {user.role ? (
                  <Badge variant="secondary">{ROLE_LABELS[user.role]}</Badge>
                ) : (
                  <Badge variant="outline">End user</Badge>
                )}
              </TableCell>
              <TableCell>
                <UserSource user={user} />
              </TableCell>
              <TableCell>
                <UserDate value={user.createdAt} />
              </TableCell>
              <TableCell>
                <UserDate value={user.lastSignInAt} fallback="Never" />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
