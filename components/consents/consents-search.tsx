"use client";

import { SearchIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Search by email or name; applies on submit. Remount with a `key` to reset the draft from the URL. */
export function ConsentsSearch({ q, onSearch }: { q: string | undefined; onSearch: (q: string | undefined) => void }) {
  const [draft, setDraft] = useState(q ?? "");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(draft.trim() || undefined);
  }

  return (
    <form
      role="search"
      aria-label="Search consents"
      onSubmit={onSubmit}
      className="flex min-w-0 flex-1 flex-wrap items-end gap-2"
    >
      <div className="grid max-w-md min-w-56 flex-1 gap-2">
        <Label htmlFor="consents-q">Search by email or name</Label>
        <Input
          id="consents-q"
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
