import { AuditTableSkeleton } from "@/components/audit/audit-table-skeleton";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";

export default function AuditLoading() {
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in Gatehouse, newest first."
        actions={<Skeleton className="h-9 w-32" />}
      />
      <div className="grid gap-4">
        <div className="grid gap-4 rounded-lg border bg-card p-4" aria-hidden="true">
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
            {Array.from({ length: 5 }, (_, i) => (
              <div key={i} className="grid gap-2">
                <Skeleton className="h-4 w-20" />
                <Skeleton className="h-9 w-full" />
              </div>
            ))}
          </div>
          <div className="flex justify-end">
            <Skeleton className="h-9 w-28" />
          </div>
        </div>
        <AuditTableSkeleton rows={10} />
      </div>
    </>
  );
}
