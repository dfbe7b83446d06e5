import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { AddMemberDialog } from "@/components/members/add-member-dialog";
import { MembersTable } from "@/components/members/members-table";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { membersListQuery } from "@/lib/queries/members";
import { makeQueryClient } from "@/lib/queries/query-client";
import { listMembers } from "@/lib/services";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const { user, ctx } = await requireStaff("/members", "members.read");
  // requireStaff has already sent anyone without a role away; VIEWER only satisfies the type.
  const role = user.role ?? "VIEWER";
  const canManage = hasPermission(role, "members.write");

  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({
    ...membersListQuery(),
    queryFn: () => listMembers({ ctx }).then((members) => ({ members })),
  });

  return (
    <>
      <PageHeader
        title="Members"
        description="People who can use this dashboard, and what their role lets them do."
        actions={canManage ? <AddMemberDialog viewerRole={role} /> : undefined}
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <MembersTable viewer={{ userId: user.id, role, canManage }} />
      </HydrationBoundary>
    </>
  );
}
