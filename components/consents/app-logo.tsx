import { cn } from "@/lib/utils";

/**
 * A client's logo, only when it is served by Gatehouse itself (a path starting with "/"): a logo
 * URL on another host is chosen by whoever registered the client, and loading it would tell that
 * host who looks at the page. Otherwise the first letter of the name in a circle. Decorative.
 */
export function AppLogo({ name, logoUri, className }: { name: string; logoUri: string | null; className?: string }) {
  if (logoUri?.startsWith("/") && !logoUri.startsWith("//")) {
    return (
      // A same-origin path of any shape; next/image would need its sizes and loader configured.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={logoUri}
        alt=""
        width={40}
        height={40}
        className={cn("size-10 shrink-0 rounded-full border object-contain", className)}
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      className={cn(
        "flex size-10 shrink-0 items-center justify-center rounded-full bg-muted text-base font-semibold text-muted-foreground",
        className,
      )}
    >
      {name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}
