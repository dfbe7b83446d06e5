import { TableSkeleton, type TableColumn } from "@/components/data-table/table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** The clients table's columns, shared by the table and its skeleton. */
export const CLIENT_COLUMNS: readonly TableColumn[] = [
  {
    header: "Name",
    placeholder: (
      <div className="flex items-center gap-2">
        <Skeleton className="size-7" />
        <Skeleton className="h-4 w-32" />
      </div>
    ),
  },
  { header: "Client ID", placeholder: "h-4 w-44" },
  { header: "Type", placeholder: "h-5 w-24" },
  { header: "Flow", placeholder: "h-4 w-28" },
  { header: "Consents", placeholder: "h-4 w-8" },
  { header: "Last used", placeholder: "h-4 w-28" },
  { header: "Created", placeholder: "h-4 w-28" },
  { header: "Status", placeholder: "h-5 w-16" },
];

/** Placeholder rows shaped like the clients table (loading.tsx, and while a page loads). */
export function ClientsTableSkeleton({ rows }: { rows?: number }) {
  return <TableSkeleton label="Loading clients…" columns={CLIENT_COLUMNS} rows={rows} />;
}
