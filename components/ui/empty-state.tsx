import * as React from "react";
import type { LucideIcon } from "lucide-react";
import { InboxIcon } from "lucide-react";

import { cn } from "@/lib/utils";

export type EmptyStateProps = {
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Call to action, e.g. a `<Button>`. */
  action?: React.ReactNode;
  /** A lucide icon component (`icon={KeyRoundIcon}`) or an element. Defaults to an inbox icon. Decorative. */
  icon?: LucideIcon | React.ReactNode;
  /** Heading level of the title. Defaults to 2. */
  headingLevel?: 2 | 3 | 4;
  className?: string;
};

function isIconComponent(icon: unknown): icon is LucideIcon {
  return (
    typeof icon === "function" ||
    (typeof icon === "object" && icon !== null && !React.isValidElement(icon) && "$$typeof" in icon)
  );
}

export function EmptyState({ title, description, action, icon, headingLevel = 2, className }: EmptyStateProps) {
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  let iconNode: React.ReactNode;
  if (icon === undefined) {
    iconNode = <InboxIcon className="size-6" aria-hidden="true" />;
  } else if (isIconComponent(icon)) {
    const Icon = icon;
    iconNode = <Icon className="size-6" aria-hidden="true" />;
  } else {
    iconNode = icon;
  }

  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed px-6 py-12 text-center",
        className,
      )}
    >
      {iconNode ? (
        <div
          aria-hidden="true"
          className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground"
        >
          {iconNode}
        </div>
      ) : null}
      <div className="flex max-w-md flex-col gap-1">
        <Heading className="text-base font-semibold">{title}</Heading>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {action ? <div className="mt-2 flex flex-wrap items-center justify-center gap-2">{action}</div> : null}
    </div>
  );
}
