import { Skeleton } from "@/components/ui/skeleton";

export default function MembersLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only">Loading members…</span>
      <div className="flex flex-col gap-2 pb-6">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="space-y-3 rounded-lg border p-3">
        <Skeleton className="h-6 w-full" />
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    </div>
  );
}
