import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";

/**
 * A loading.tsx frame: `aria-busy`, optional screen-reader text, and bars in the place of the page
 * header's title, description and (when given) actions; the page's own placeholders follow.
 */
export function PageSkeleton({
  label,
  announce = false,
  className,
  titleClassName = "w-40",
  descriptionClassName = "w-96",
  actions,
  children,
}: {
  /** Screen-reader text, e.g. "Loading members…". */
  label?: string;
  /** Give that text `role="status"`. */
  announce?: boolean;
  className?: string;
  /** Width of the title bar. */
  titleClassName?: string;
  /** Width of the description bar. */
  descriptionClassName?: string;
  /** Placeholders for the header's actions. */
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const bars = (
    <>
      <Skeleton className={cn("h-8", titleClassName)} />
      <Skeleton className={cn("h-4 max-w-full", descriptionClassName)} />
    </>
  );
  return (
    <div className={className} aria-busy="true">
      {label ? (
        <span className="sr-only" role={announce ? "status" : undefined}>
          {label}
        </span>
      ) : null}
      {actions ? (
        <div className="flex flex-col gap-4 pb-6 sm:flex-row sm:items-start sm:justify-between">
          <div className="flex flex-col gap-2">{bars}</div>
          {actions}
        </div>
      ) : (
        <div className="flex flex-col gap-2 pb-6">{bars}</div>
      )}
      {children}
    </div>
  );
}
