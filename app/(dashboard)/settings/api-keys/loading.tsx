import { RowsSkeleton } from "@/components/data-table/table-skeleton";
import { PageSkeleton } from "@/components/layout/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function ApiKeysLoading() {
  return (
    <PageSkeleton
      label="Loading API keys…"
      titleClassName="w-32"
      descriptionClassName="w-[32rem]"
      actions={<Skeleton className="h-9 w-36" />}
    >
      <RowsSkeleton rows={4} />
    </PageSkeleton>
  );
}
