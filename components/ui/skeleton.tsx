import * as React from "react";

import { cn } from "@/lib/utils";

/**
 * Decorative loading placeholder. Mark the surrounding region with
 * `aria-busy="true"` and provide an sr-only "Loading…" text there.
 */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-muted motion-reduce:animate-none", className)}
      {...props}
    />
  );
}
