import { TableSkeleton, type TableColumn } from "@/components/data-table/table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** The Consents tab's columns after the selection column, shared by the table and its skeleton. */
export const CONSENT_COLUMNS: readonly TableColumn[] = [
  {
    header: "User",
    placeholder: (
      <div className="grid gap-1">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-3 w-44" />
      </div>
    ),
  },
  { header: "Scopes granted", placeholder: "h-4 w-48" },
  { header: "Granted", placeholder: "h-4 w-28" },
  { header: "Last used", placeholder: "h-4 w-28" },
  { header: "Refresh tokens", headClassName: "text-right", placeholder: "ml-auto h-4 w-6" },
];

/** Placeholder rows shaped like the consents table (while a page loads). */
export function ConsentsTableSkeleton({ rows }: { rows?: number }) {
  return <TableSkeleton label="Loading consents…" columns={CONSENT_COLUMNS} rows={rows} />;
}
