import { TableSkeleton, type TableColumn } from "@/components/data-table/table-skeleton";

/**
 * Where the audit table folds its columns so it never scrolls sideways at 1280 px (IP included) or
 * 390 px: the MCP server sits under the target; narrow screens keep the action (with its time under
 * it) and find the rest in the row's details.
 */
export const AUDIT_COLUMN_CLASS = {
  time: "hidden sm:table-cell",
  actor: "hidden sm:table-cell",
  target: "hidden lg:table-cell",
  ip: "hidden md:table-cell",
} as const;

/** The audit table's columns, shared by the table and its skeleton. */
export const AUDIT_COLUMNS: readonly TableColumn[] = [
  { header: "Details", srOnly: true, headClassName: "w-10", placeholder: "size-6" },
  { header: "Time", headClassName: AUDIT_COLUMN_CLASS.time, placeholder: "h-4 w-24" },
  { header: "Action", placeholder: "h-5 w-32" },
  { header: "Actor", headClassName: AUDIT_COLUMN_CLASS.actor, placeholder: "h-4 w-32" },
  { header: "Target", headClassName: AUDIT_COLUMN_CLASS.target, placeholder: "h-4 w-32" },
  { header: "IP", headClassName: AUDIT_COLUMN_CLASS.ip, placeholder: "h-4 w-24" },
];

/** Placeholder rows shaped like the audit table (used by loading.tsx and while the first page loads). */
export function AuditTableSkeleton({ rows }: { rows?: number }) {
  return <TableSkeleton label="Loading audit events…" columns={AUDIT_COLUMNS} rows={rows} />;
}
