"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useTransition } from "react";

/**
 * A list's filter, read from the URL with the same schema the server page parses `lastValues`
 * with (so the prefetched query is reused). Every change of filter or page is a navigation;
 * `isNavigating` is true until the next page has rendered.
 */
export function useUrlFilter<T>(schema: { parse: (raw: unknown) => T }, hrefOf: (filter: T) => string) {
  const searchParams = useSearchParams();
  const filter = useMemo(() => schema.parse(Object.fromEntries(searchParams ?? [])), [schema, searchParams]);
  const router = useRouter();
  const [isNavigating, startTransition] = useTransition();

  function navigate(next: T, options?: { scroll?: boolean }) {
    startTransition(() => router.push(hrefOf(next), options));
  }
  return { filter, navigate, isNavigating };
}
