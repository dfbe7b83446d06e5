"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CheckCircle2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, type ReactNode } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import type { ActionResult } from "@/lib/actions/action-result";
import { serverKeys } from "@/lib/queries/servers";
import { SERVER_SECTIONS, type ServerSection } from "@/lib/schemas/server-sections";
import type { FieldErrors } from "@/lib/schemas/form";
import type { ServerDto } from "@/lib/services";
import { CimdPolicyFieldset } from "./cimd-policy-fieldset";
import { DcrPolicyFieldset } from "./dcr-policy-fieldset";
import { ScopeRows } from "./scope-rows";
import { GeneralFields, scopesOf, TokenFields } from "./server-fields";

type Saved = { slug: string; section: ServerSection };
type Action = (prev: ActionResult<Saved> | null, form: FormData) => Promise<ActionResult<Saved>>;
type Values = Record<string, string | string[]> | undefined;
type Errors = FieldErrors | undefined;

const DESCRIPTIONS: Record<ServerSection, string> = {
  general: "How the server is named and where it lives. The slug is part of its issuer URL.",
  tokens: "How long this server's access and refresh tokens live.",
  scopes: "What clients may ask for; people see each description on the consent screen.",
  registration: "Whether and how MCP clients register themselves (Dynamic Client Registration, RFC 7591).",
  metadata: "Clients whose client_id is an HTTPS URL that Gatehouse fetches (Client ID Metadata Documents).",
};

const SAVE_LABELS: Record<ServerSection, string> = {
  general: "Save general settings",
  tokens: "Save token settings",
  scopes: "Save scopes",
  registration: "Save registration settings",
  metadata: "Save metadata document settings",
};

const SAVED_MESSAGES: Record<ServerSection, string> = {
  general: "General settings saved.",
  tokens: "Token settings saved.",
  scopes: "Scopes saved.",
  registration: "Registration settings saved.",
  metadata: "Metadata document settings saved.",
};

function fieldsOf(section: ServerSection, server: ServerDto, values: Values, errors: Errors, key: string): ReactNode {
  switch (section) {
    case "general":
      return <GeneralFields server={server} values={values} errors={errors} />;
    case "tokens":
      return <TokenFields server={server} values={values} errors={errors} />;
    case "scopes":
      return <ScopeRows key={key} initial={scopesOf(values, server)} errors={errors} />;
    case "registration":
      return <DcrPolicyFieldset server={server} values={values} errors={errors} />;
    case "metadata":
      return <CimdPolicyFieldset server={server} values={values} errors={errors} />;
  }
}

/**
 * One section of an MCP server's Settings: its own form, Save button and success message, so saving
 * one section never touches fields of another that were edited but not saved.
 */
function SectionForm({ section, server, action }: { section: ServerSection; server: ServerDto; action: Action }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [state, formAction, pending] = useActionState(action, null);
  const title = SERVER_SECTIONS[section].title;

  useEffect(() => {
    if (state?.ok) {
      void queryClient.invalidateQueries({ queryKey: serverKeys.all });
      // A new slug is a new address for this page.
      if (state.data.slug !== server.slug) router.replace(`/servers/${state.data.slug}/settings`);
      else router.refresh();
    } else if (state && !state.fieldErrors) {
      toast.error(state.message);
    }
  }, [state, server.slug, router, queryClient]);

  const failed = state?.ok === false ? state : undefined;
  const headingId = `settings-${section}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border bg-card p-5 shadow-xs">
      <h2 id={headingId} className="text-base font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">{DESCRIPTIONS[section]}</p>
      <form action={formAction} noValidate className="mt-4 grid max-w-2xl gap-5">
        <input type="hidden" name="section" value={section} />
        <input type="hidden" name="currentSlug" value={server.slug} />
        <FormAlert message={failed?.fieldErrors ? failed.message : undefined} />
        {fieldsOf(section, server, failed?.values, failed?.fieldErrors, failed ? "failed" : server.updatedAt)}
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending}>{SAVE_LABELS[section]}</SubmitButton>
          {state?.ok && !pending && (
            <p role="status" className="flex items-center gap-1.5 text-sm text-emerald-700 dark:text-emerald-400">
              <CheckCircle2 aria-hidden className="size-4" />
              {SAVED_MESSAGES[section]}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}

export function ServerSettingsSections({ server, action }: { server: ServerDto; action: Action }) {
  return (
    <div className="grid gap-6">
      {(Object.keys(SERVER_SECTIONS) as ServerSection[]).map((section) => (
        <SectionForm key={section} section={section} server={server} action={action} />
      ))}
    </div>
  );
}
