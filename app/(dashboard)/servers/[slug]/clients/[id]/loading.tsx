import { Skeleton } from "@/components/ui/skeleton";

export default function ClientLoading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <span className="sr-only" role="status">
        Loading client…
      </span>
      <Skeleton className="h-4 w-64" />
      <div className="flex items-center gap-3">
        <Skeleton className="size-7" />
        <Skeleton className="h-8 w-56" />
      </div>
      <Skeleton className="h-5 w-72" />
      <Skeleton className="h-9 w-full max-w-xl" />
      <div className="space-y-3 rounded-lg border p-6">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    </div>
  );
}
