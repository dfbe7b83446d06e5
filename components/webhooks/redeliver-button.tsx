"use client";

import { RotateCcwIcon } from "lucide-react";
import { useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { redeliverAction } from "@/app/(dashboard)/settings/webhooks/actions";
import { Button } from "@/components/ui/button";

/**
 * Queues a fresh delivery of the same event (same event id, new delivery id) to the endpoint. Not
 * destructive, so no confirmation: the receiver de-duplicates on the event id anyway.
 */
export function RedeliverButton({ deliveryId, eventType }: { deliveryId: string; eventType: string }) {
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await redeliverAction(null, form);
      if (result.ok) toast.success("Redelivery queued");
      else toast.error(result.message);
    });
  }

  return (
    <form onSubmit={onSubmit}>
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <Button type="submit" variant="outline" size="sm" aria-disabled={pending}>
        <RotateCcwIcon aria-hidden="true" />
        {pending ? "Queuing…" : "Redeliver"}
        <span className="sr-only"> {eventType} event</span>
      </Button>
    </form>
  );
}
