"use client";

import { RefreshCw } from "lucide-react";
import { useActionState, useEffect } from "react";
import { toast } from "sonner";
import { refreshMetadataDocumentAction } from "@/app/(dashboard)/servers/[slug]/clients/[id]/cimd-actions";
import { SubmitButton } from "@/components/forms/submit-button";

/** Fetches the client's metadata document again now; the page then shows the result. */
export function RefreshMetadataForm({ serverSlug, clientId }: { serverSlug: string; clientId: string }) {
  const [state, formAction, pending] = useActionState(refreshMetadataDocumentAction, null);

  useEffect(() => {
    if (!state) return;
    if (!state.ok) toast.error(state.message);
    else if (state.data.ok) toast.success("Metadata document refreshed");
    else toast.error("The metadata document could not be fetched", { description: state.data.error ?? undefined });
  }, [state]);

  return (
    <form action={formAction} onSubmit={(event) => pending && event.preventDefault()}>
      <input type="hidden" name="serverSlug" value={serverSlug} />
      <input type="hidden" name="clientId" value={clientId} />
      <SubmitButton pending={pending} variant="outline">
        {!pending && <RefreshCw aria-hidden className="size-4" />} Refresh now
      </SubmitButton>
    </form>
  );
}
