import { ClientsTableSkeleton } from "@/components/clients/clients-table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function ClientsLoading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <div className="flex flex-col gap-2 pb-6">
        <Skeleton className="h-8 w-48" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
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
    </div>
  );
}
