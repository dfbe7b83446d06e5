import { Button } from "@/components/ui/button";

/** What a failed list query shows: what failed, why, and a retry that stays disabled while it runs. */
export function QueryError({
  title,
  query,
}: {
  /** What could not be loaded, e.g. "The clients could not be loaded." */
  title: string;
  query: { error: Error; isFetching: boolean; refetch: () => Promise<unknown> };
}) {
  return (
    <div role="alert" className="grid justify-items-start gap-3 rounded-lg border border-destructive/40 p-6">
      <p className="font-medium">{title}</p>
      <p className="text-sm text-muted-foreground">{query.error.message} Try again in a moment.</p>
      <Button type="button" variant="outline" onClick={() => void query.refetch()} disabled={query.isFetching}>
        Try again
      </Button>
    </div>
  );
}
