import type { ReactElement } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

export interface TableColumn {
  header: string;
  /** Read by screen readers only (an icon or toggle column). */
  srOnly?: boolean;
  /** On the header and placeholder cells, e.g. "hidden md:table-cell" for a column narrow screens fold away. */
  headClassName?: string;
  /** Each row's placeholder: the class of one bar (e.g. "h-4 w-32"), or an element. */
  placeholder: string | ReactElement;
}

/** The header row of a table described by `columns`. */
export function TableColumnsHeader({ columns }: { columns: readonly TableColumn[] }) {
  return (
    <TableHeader>
      <TableRow>
        {columns.map((c) => (
          <TableHead key={c.header} className={c.headClassName}>
            {c.srOnly ? <span className="sr-only">{c.header}</span> : c.header}
          </TableHead>
        ))}
      </TableRow>
    </TableHeader>
  );
}

/** Placeholder rows shaped like a table (its loading.tsx, and while its first page loads). */
export function TableSkeleton({
  label,
  columns,
  rows = 8,
}: {
  label: string;
  columns: readonly TableColumn[];
  rows?: number;
}) {
  return (
    <div className="rounded-lg border" aria-busy="true">
      <span className="sr-only" role="status">
        {label}
      </span>
      <Table>
        <TableColumnsHeader columns={columns} />
        <TableBody>
          {Array.from({ length: rows }, (_, i) => (
            <TableRow key={i}>
              {columns.map((c) => (
                <TableCell key={c.header} className={c.headClassName}>
                  {typeof c.placeholder === "string" ? <Skeleton className={c.placeholder} /> : c.placeholder}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** A loading page's list: a header bar and `rows` row bars in a bordered box. */
export function RowsSkeleton({ rows, rowClassName = "h-10" }: { rows: number; rowClassName?: string }) {
  return (
    <div className="space-y-3 rounded-lg border p-3">
      <Skeleton className="h-6 w-full" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={cn(rowClassName, "w-full")} />
      ))}
    </div>
  );
}
