// One way to print a moment everywhere in the dashboard: "Dec 2, 2026, 15:43 UTC" — 24-hour clock,
// always with its zone — and, where people scan lists, "2 minutes ago" with that absolute time on
// hover. Client-safe and framework-free, so the server render and the browser share it.

/** "Dec 2, 2026, 15:43 UTC" in `timeZone` (an IANA name; the viewer's own when undefined). */
export function formatAbsolute(date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeStyle: "short",
    hourCycle: "h23",
    timeZone,
  })
    .format(date)
    .concat(" ", zoneName(date, timeZone));
}

/** The zone's short name at that moment: "UTC", "CET", "GMT+5:30". */
function zoneName(date: Date, timeZone?: string): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
    .formatToParts(date)
    .find((p) => p.type === "timeZoneName")?.value;
  return name === "GMT" ? "UTC" : (name ?? "UTC");
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];
const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });

/** "just now", "2 minutes ago", "in 3 days", "last year" — relative to `now`. */
export function formatRelative(date: Date, now: Date): string {
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < 45_000) return "just now";
  for (const [unit, ms] of UNITS) {
    if (abs >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return relative.format(Math.round(diff / 60_000), "minute");
}
