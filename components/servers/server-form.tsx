"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useClientValidation } from "@/components/forms/use-client-validation";
import type { ActionResult } from "@/lib/actions/action-result";
import { serverKeys } from "@/lib/queries/servers";
import { ServerInput, serverFormToInput } from "@/lib/schemas/servers";
import { CimdPolicyFieldset } from "./cimd-policy-fieldset";
import { DcrPolicyFieldset } from "./dcr-policy-fieldset";
import { ScopeRows } from "./scope-rows";
import { GeneralFields, scopesOf, TokenFields } from "./server-fields";

type Action = (prev: ActionResult<{ slug: string }> | null, form: FormData) => Promise<ActionResult<{ slug: string }>>;

/**
 * Create an MCP server: every setting in one form. (Its Settings page edits the same fields in
 * sections that save on their own: server-settings-sections.tsx.) One zod schema validates here and
 * again on the server.
 */
export function ServerForm({ action }: { action: Action }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [state, formAction, pending] = useActionState(action, null);
  const { clientErrors, onSubmit } = useClientValidation(ServerInput, serverFormToInput);

  useEffect(() => {
    if (state?.ok) {
      toast.success("MCP server created");
      void queryClient.invalidateQueries({ queryKey: serverKeys.all });
      router.push(`/servers/${state.data.slug}`);
    } else if (state && !state.fieldErrors) {
      toast.error(state.message);
    }
  }, [state, router, queryClient]);

  const failed = state?.ok === false ? state : undefined;
  const errors = clientErrors ?? failed?.fieldErrors;
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="grid max-w-2xl gap-5">
      <FormAlert message={failed?.fieldErrors ? failed.message : undefined} />
      <GeneralFields values={failed?.values} errors={errors} />
      <ScopeRows key={failed ? "failed" : "initial"} initial={scopesOf(failed?.values)} errors={errors} />
      <TokenFields values={failed?.values} errors={errors} />
      <DcrPolicyFieldset values={failed?.values} errors={errors} />
      <CimdPolicyFieldset values={failed?.values} errors={errors} />
      <div>
        <SubmitButton pending={pending}>Create MCP server</SubmitButton>
      </div>
    </form>
  );
}
