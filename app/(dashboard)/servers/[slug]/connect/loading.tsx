import { PageSkeleton } from "@/components/layout/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function ConnectLoading() {
  return (
    <PageSkeleton label="Loading…" className="space-y-6" titleClassName="w-48">
      {Array.from({ length: 3 }, (_, i) => (
        <div key={i} className="grid gap-4 rounded-lg border bg-card p-6">
          <Skeleton className="h-5 w-56" />
          <Skeleton className="h-4 w-80 max-w-full" />
          <Skeleton className="h-28 w-full" />
        </div>
      ))}
    </PageSkeleton>
  );
}
