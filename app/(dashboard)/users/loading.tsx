import { RowsSkeleton } from "@/components/data-table/table-skeleton";
import { PageSkeleton } from "@/components/layout/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function UsersLoading() {
  return (
    <PageSkeleton label="Loading users…" titleClassName="w-32">
      <div className="mb-4 flex max-w-md gap-2">
        <Skeleton className="h-9 flex-1" />
        <Skeleton className="h-9 w-20" />
      </div>
      <RowsSkeleton rows={8} rowClassName="h-8" />
    </PageSkeleton>
  );
}
