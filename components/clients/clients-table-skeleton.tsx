import { TableSkeleton, type TableColumn } from "@/components/data-table/table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * Where the clients table folds its columns: the name (with the client ID under it) and the status
 * always show; the rest appear as the width allows (the table never scrolls sideways at 390 px or
 * 1280 px). The detail page has everything.
 */
export const CLIENT_COLUMN_CLASS = {
  registration: "hidden xl:table-cell",
  consents: "hidden md:table-cell text-right",
  lastUsed: "hidden sm:table-cell",
  created: "hidden 2xl:table-cell",
} as const;

/** The clients table's columns, shared by the table and its skeleton. */
export const CLIENT_COLUMNS: readonly TableColumn[] = [
  {
    header: "Name",
    headClassName: "w-full",
    placeholder: (
      <div className="flex items-center gap-2">
        <Skeleton className="size-7" />
        <div className="grid gap-1">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-3 w-44" />
        </div>
      </div>
    ),
  },
  { header: "Registration", headClassName: CLIENT_COLUMN_CLASS.registration, placeholder: "h-5 w-24" },
  { header: "Consents", headClassName: CLIENT_COLUMN_CLASS.consents, placeholder: "h-4 w-8" },
  { header: "Last used", headClassName: CLIENT_COLUMN_CLASS.lastUsed, placeholder: "h-4 w-24" },
  { header: "Created", headClassName: CLIENT_COLUMN_CLASS.created, placeholder: "h-4 w-24" },
  { header: "Status", placeholder: "h-5 w-16" },
];

/** Placeholder rows shaped like the clients table (loading.tsx, and while a page loads). */
export function ClientsTableSkeleton({ rows }: { rows?: number }) {
  return <TableSkeleton label="Loading clients…" columns={CLIENT_COLUMNS} rows={rows} />;
}
