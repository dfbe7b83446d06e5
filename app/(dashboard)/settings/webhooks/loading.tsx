import { RowsSkeleton } from "@/components/data-table/table-skeleton";
import { PageSkeleton } from "@/components/layout/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function WebhooksLoading() {
  return (
    <PageSkeleton
      label="Loading webhooks…"
      titleClassName="w-32"
      descriptionClassName="w-[36rem]"
      actions={<Skeleton className="h-9 w-36" />}
    >
      <RowsSkeleton rows={3} />
      <Skeleton className="mt-8 h-64 w-full" />
    </PageSkeleton>
  );
}
