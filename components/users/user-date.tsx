// Dates render identically on the server and in the browser (fixed locale and UTC), so client
// tables hydrate without mismatches; the full ISO timestamp is in the tooltip.
const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  hourCycle: "h23",
  timeZone: "UTC",
});

export function UserDate({
  value,
  withTime = false,
  fallback = "—",
}: {
  value: string | null;
  withTime?: boolean;
  fallback?: string;
}) {
  if (!value) return <span className="text-muted-foreground">{fallback}</span>;
  const date = new Date(value);
  return (
    <time dateTime={value} title={date.toISOString()} className="whitespace-nowrap">
      {withTime ? `${DATE_TIME.format(date)} UTC` : DATE.format(date)}
    </time>
  );
}
