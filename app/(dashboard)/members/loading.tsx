import { RowsSkeleton } from "@/components/data-table/table-skeleton";
import { PageSkeleton } from "@/components/layout/page-skeleton";

export default function MembersLoading() {
  return (
    <PageSkeleton label="Loading members…">
      <RowsSkeleton rows={5} />
    </PageSkeleton>
  );
}
