import { RowsSkeleton } from "@/components/data-table/table-skeleton";
import { PageSkeleton } from "@/components/layout/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function WebhookDeliveriesLoading() {
  return (
    <div className="space-y-6">
      <Skeleton className="h-4 w-64" />
      <PageSkeleton
        label="Loading deliveries…"
        titleClassName="w-32"
        descriptionClassName="w-[36rem]"
        actions={<Skeleton className="h-9 w-28" />}
      >
        <RowsSkeleton rows={6} />
      </PageSkeleton>
    </div>
  );
}
