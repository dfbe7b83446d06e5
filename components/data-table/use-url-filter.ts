"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";

/**
 * Navigation for a list whose state lives in the URL. The server page parses the search params
 * (with the list's zod schema) and hands the filter down; every change of filter or page is a
 * navigation, after which the page renders again with the new filter. The browser never parses
 * the URL itself, so the list pages ship no zod. `isNavigating` is true until the next page has
 * rendered.
 */
export function useUrlFilter<T>(filter: T, hrefOf: (filter: T) => string) {
  const router = useRouter();
  const [isNavigating, startTransition] = useTransition();

  function navigate(next: T, options?: { scroll?: boolean }) {
    startTransition(() => router.push(hrefOf(next), options));
  }
  return { filter, navigate, isNavigating };
}
