// Client-safe helpers for list pages whose URL is their state.

export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * Next's `searchParams` object reduced to one string per key, keeping the last value of a
 * repeated key: the same thing `Object.fromEntries(useSearchParams())` yields on the client, so
 * the server prefetch and the client query parse identical filters (and share one query key).
 */
export function lastValues(raw: RawSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last !== undefined) out[key] = last;
  }
  return out;
}
