import { ClientsTableSkeleton } from "@/components/clients/clients-table-skeleton";
import { PageSkeleton } from "@/components/layout/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function ClientsLoading() {
  return (
    <PageSkeleton className="space-y-6" titleClassName="w-48">
      <Skeleton className="h-9 w-72" />
      <div className="grid gap-4">
        <div className="grid gap-4 rounded-lg border bg-card p-4" aria-hidden="true">
          <Skeleton className="h-9 w-full max-w-lg" />
          <div className="flex flex-wrap gap-4">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-9 w-44" />
            ))}
          </div>
        </div>
        <ClientsTableSkeleton rows={10} />
      </div>
    </PageSkeleton>
  );
}
