"use client";

import { SearchBox } from "@/components/data-table/search-box";

/** Search by email or name; applies on submit. Remount with a `key` to reset the draft from the URL. */
export function ConsentsSearch({ q, onSearch }: { q: string | undefined; onSearch: (q: string | undefined) => void }) {
  return (
    <SearchBox
      id="consents-q"
      label="Search by email or name"
      ariaLabel="Search consents"
      q={q}
      onSearch={onSearch}
      className="min-w-0 flex-1"
      fieldClassName="max-w-md min-w-56"
    />
  );
}
