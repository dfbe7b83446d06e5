"use client";

import { RefreshCwIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";

/** Re-renders the server page, e.g. to watch a retry land; nothing is cached on the client. */
export function RefreshButton({ label = "Refresh" }: { label?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      type="button"
      variant="outline"
      aria-disabled={pending}
      onClick={() => !pending && startTransition(() => router.refresh())}
    >
      <RefreshCwIcon aria-hidden="true" className={pending ? "animate-spin" : undefined} />
      {pending ? "Refreshing…" : label}
    </Button>
  );
}
