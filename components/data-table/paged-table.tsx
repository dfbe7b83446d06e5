import { ChevronRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** A cursor-paged table: dimmed and `aria-busy` while the next page loads, with its pager below. */
export function PagedTable({ busy, pager, children }: { busy: boolean; pager: ReactNode; children: ReactNode }) {
  return (
    <div className="grid min-w-0 gap-3">
      <div
        className={cn("min-w-0 overflow-x-auto rounded-lg border transition-opacity", busy && "opacity-60")}
        aria-busy={busy || undefined}
      >
        {children}
      </div>
      {pager}
    </div>
  );
}

/**
 * The footer of a cursor-paged table: a "Showing …" status, "First page" once past the first
 * page, and "Next page", disabled on the last page.
 */
export function CursorPager({
  label,
  summary,
  firstPageHref,
  onNext,
}: {
  /** The name of the pager's navigation landmark, e.g. "Client pages". */
  label: string;
  /** The "Showing …" text, a live status. */
  summary: ReactNode;
  /** Only when past the first page. */
  firstPageHref?: string;
  /** Omitted on the last page. */
  onNext?: () => void;
}) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3">
      <p role="status" className="text-sm text-muted-foreground">
        {summary}
      </p>
      <div className="flex gap-2">
        {firstPageHref ? (
          <Button asChild variant="outline" size="sm">
            <Link href={firstPageHref}>First page</Link>
          </Button>
        ) : null}
        <Button type="button" variant="outline" size="sm" disabled={!onNext} onClick={onNext}>
          Next page
          <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
