import { TableSkeleton, type TableColumn } from "@/components/data-table/table-skeleton";

/** The audit table's columns, shared by the table and its skeleton. */
export const AUDIT_COLUMNS: readonly TableColumn[] = [
  { header: "Details", srOnly: true, headClassName: "w-10", placeholder: "size-6" },
  { header: "Time", placeholder: "h-4 w-36" },
  { header: "Action", placeholder: "h-5 w-32" },
  { header: "Actor", placeholder: "h-4 w-40" },
  { header: "Target", placeholder: "h-4 w-32" },
  { header: "MCP server", placeholder: "h-4 w-20" },
  { header: "IP", placeholder: "h-4 w-24" },
];

/** Placeholder rows shaped like the audit table (used by loading.tsx and while the first page loads). */
export function AuditTableSkeleton({ rows }: { rows?: number }) {
  return <TableSkeleton label="Loading audit events…" columns={AUDIT_COLUMNS} rows={rows} />;
}
