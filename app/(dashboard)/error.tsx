"use client";

import { Button } from "@/components/ui/button";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="max-w-lg space-y-3 rounded-lg border border-destructive/40 p-6">
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <p className="text-sm text-muted-foreground">
        Something went wrong on our side{error.digest ? ` (reference ${error.digest})` : ""}. Try again; if it keeps
        failing, check the server log.
      </p>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
