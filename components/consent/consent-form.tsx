"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { Button } from "@/components/ui/button";
import { decideConsentAction } from "@/app/oauth/[slug]/consent/[requestId]/actions";

/** Allow / Deny. Both submit the same server action; the pressed button carries the decision. */
export function ConsentForm({ slug, requestId }: { slug: string; requestId: string }) {
  const [state, action, pending] = useActionState(decideConsentAction, null);
  return (
    <form action={action} className="grid gap-3">
      <FormAlert message={state?.message} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="requestId" value={requestId} />
      <div className="flex gap-3">
        <Button type="submit" name="decision" value="allow" disabled={pending} className="flex-1">
          Allow
        </Button>
        <Button type="submit" name="decision" value="deny" variant="outline" disabled={pending} className="flex-1">
          Deny
        </Button>
      </div>
    </form>
  );
}
