import { Skeleton } from "@/components/ui/skeleton";

export default function UsersLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only">Loading users…</span>
      <div className="flex flex-col gap-2 pb-6">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="mb-4 flex max-w-md gap-2">
        <Skeleton className="h-9 flex-1" />
        <Skeleton className="h-9 w-20" />
      </div>
      <div className="space-y-3 rounded-lg border p-3">
        <Skeleton className="h-6 w-full" />
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-8 w-full" />
        ))}
      </div>
    </div>
  );
}
