"use client";

import { SearchIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

/**
 * A list's search field (Clients, Consents): applies on submit, trimmed, empty = no search.
 * Remount it with a `key` to reset the draft from the URL.
 */
export function SearchBox({
  id,
  label,
  ariaLabel,
  q,
  onSearch,
  className,
  fieldClassName,
}: {
  id: string;
  label: string;
  /** The search landmark's name, e.g. "Search clients". */
  ariaLabel: string;
  q: string | undefined;
  onSearch: (q: string | undefined) => void;
  className?: string;
  fieldClassName?: string;
}) {
  const [draft, setDraft] = useState(q ?? "");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(draft.trim() || undefined);
  }

  return (
    <form
      role="search"
      aria-label={ariaLabel}
      onSubmit={onSubmit}
      className={cn("flex flex-wrap items-end gap-2", className)}
    >
      <div className={cn("grid flex-1 gap-2", fieldClassName)}>
        <Label htmlFor={id}>{label}</Label>
        <Input
          id={id}
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <Button type="submit" variant="outline">
        <SearchIcon aria-hidden="true" />
        Search
      </Button>
    </form>
  );
}
