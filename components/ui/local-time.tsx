"use client";

import { useSyncExternalStore } from "react";
import { formatAbsolute, formatRelative } from "@/lib/format-time";

const subscribe = () => () => {};
const isBrowser = () => true;
const isServer = () => false;

/**
 * A moment, printed one way everywhere (lib/format-time.ts): "Dec 2, 2026, 15:43 UTC", or with
 * `relative` (lists people scan) "2 minutes ago" with the absolute time on hover. The server does
 * not know the viewer's zone, so server HTML and hydration show UTC and the browser switches to
 * its own zone (named in the text) right after: no hydration mismatch.
 */
export function LocalTime({ iso, relative = false }: { iso: string; relative?: boolean }) {
  const inBrowser = useSyncExternalStore(subscribe, isBrowser, isServer);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <time>{iso}</time>;
  const absolute = formatAbsolute(date, inBrowser ? undefined : "UTC");
  const text = relative && inBrowser ? formatRelative(date, new Date()) : absolute;
  return (
    <time dateTime={iso} title={absolute} className="whitespace-nowrap tabular-nums">
      {text}
    </time>
  );
}
