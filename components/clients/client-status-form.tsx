"use client";

import { useActionState, useEffect } from "react";
import { toast } from "sonner";
import { disableClientAction, enableClientAction } from "@/app/(dashboard)/servers/[slug]/clients/actions";
import { SubmitButton } from "@/components/forms/submit-button";
import type { ClientDto } from "@/lib/services";

/** Disable or enable: reversible, so one click (the audit log records who and when). */
export function ClientStatusForm({ serverSlug, client }: { serverSlug: string; client: ClientDto }) {
  const isActive = client.status === "active";
  const [state, formAction, pending] = useActionState(isActive ? disableClientAction : enableClientAction, null);

  useEffect(() => {
    if (!state) return;
    if (state.ok) toast.success(state.data.status === "disabled" ? "Client disabled" : "Client enabled");
    else toast.error(state.message);
  }, [state]);

  return (
    <form action={formAction} onSubmit={(event) => pending && event.preventDefault()}>
      <input type="hidden" name="serverSlug" value={serverSlug} />
      <input type="hidden" name="clientId" value={client.id} />
      <SubmitButton pending={pending} variant={isActive ? "outline" : "default"}>
        {isActive ? "Disable client" : "Enable client"}
      </SubmitButton>
    </form>
  );
}
