"use client";

import { useSyncExternalStore } from "react";

const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const subscribe = () => () => {};

/**
 * A timestamp in the viewer's time zone. The server does not know that zone, so server HTML and
 * hydration show UTC and the browser switches to local time right after (no hydration mismatch).
 */
export function LocalTime({ iso }: { iso: string }) {
  const isClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const date = new Date(iso);
  const text = Number.isNaN(date.getTime())
    ? iso
    : isClient
      ? formatter.format(date)
      : `${iso.slice(0, 19).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap tabular-nums">
      {text}
    </time>
  );
}
