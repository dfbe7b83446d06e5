import { FilterX, type LucideIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** A filtered list with no rows: say so, and offer to clear the filters. */
export function NoMatchesState({
  title,
  description,
  onClearFilters,
}: {
  title: string;
  description: string;
  onClearFilters: () => void;
}) {
  return (
    <EmptyState
      icon={FilterX}
      title={title}
      description={description}
      action={
        <Button type="button" variant="outline" onClick={onClearFilters}>
          Clear filters
        </Button>
      }
    />
  );
}

/** A cursor past the last row (e.g. an old link): offer the first page. */
export function PastLastPageState({
  icon,
  title,
  description,
  firstPageHref,
}: {
  icon: LucideIcon;
  title: string;
  description: string;
  firstPageHref: string;
}) {
  return (
    <EmptyState
      icon={icon}
      title={title}
      description={description}
      action={
        <Button asChild variant="outline">
          <Link href={firstPageHref}>First page</Link>
        </Button>
      }
    />
  );
}

/**
 * A list page with no rows, in the one order every list uses: a filter that matches nothing, then
 * a cursor past the end, then a list that is empty (its own copy and action).
 */
export function EmptyListState({
  noMatches,
  pastLastPage,
  empty,
}: {
  /** Set when a filter or search is active. */
  noMatches: { title: string; description: string; onClearFilters: () => void } | null;
  /** Set when the URL has a cursor. */
  pastLastPage: { icon: LucideIcon; title: string; description: string; firstPageHref: string } | null;
  empty: ReactNode;
}) {
  if (noMatches) return <NoMatchesState {...noMatches} />;
  if (pastLastPage) return <PastLastPageState {...pastLastPage} />;
  return empty;
}
