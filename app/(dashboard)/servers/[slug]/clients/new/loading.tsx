import { PageSkeleton } from "@/components/layout/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function NewClientLoading() {
  return (
    <PageSkeleton label="Loading…" announce className="space-y-6" descriptionClassName="w-80">
      <div className="grid max-w-2xl gap-6">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="grid gap-2">
            <Skeleton className="h-4 w-28" />
            <Skeleton className="h-9 w-full" />
          </div>
        ))}
      </div>
    </PageSkeleton>
  );
}
