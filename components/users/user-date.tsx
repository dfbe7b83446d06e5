import { LocalTime } from "@/components/ui/local-time";

/**
 * A moment that may be missing ("Never", "—"). Relative ("2 minutes ago", absolute on hover) in
 * the lists, where people scan; `absolute` on detail pages.
 */
export function UserDate({
  value,
  absolute = false,
  fallback = "—",
}: {
  value: string | null;
  absolute?: boolean;
  fallback?: string;
}) {
  if (!value) return <span className="text-muted-foreground">{fallback}</span>;
  return <LocalTime iso={value} relative={!absolute} />;
}
