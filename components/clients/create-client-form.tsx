"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { createClientAction } from "@/app/(dashboard)/servers/[slug]/clients/actions";
import { CountedField } from "@/components/forms/counted-field";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { clientKeys } from "@/lib/queries/clients";
import { serverKeys } from "@/lib/queries/servers";
import { clientFormToInput, CreateClientInput, flowFor } from "@/lib/schemas/clients";
import { fieldErrorsOf, formToObject, type FieldErrors } from "@/lib/schemas/form";
import type { ScopeDto } from "@/lib/services";
import { ClientCreatedDialog, type CreatedServer } from "./client-created-dialog";
import { flowExplanation } from "./client-flow";
import { clientHref } from "./client-url";
import { hasFieldErrors } from "./form-errors";
import { filledRowKeys, RedirectUriRows, rowErrorsOf, useUriRows } from "./redirect-uri-rows";
import { ScopeCheckboxes } from "./scope-checkboxes";
import { DpopField } from "./dpop-field";

const FIELD_KEYS = ["name", "description", "redirectUris", "allowedScopes", "isPublic", "jwks", "jwksUri"] as const;

/**
 * Pre-registers a client. Validated here with the action's own schema (nothing is sent while a row
 * is invalid) and again on the server. The result, secret included, stays in this component's
 * action state and is shown once in ClientCreatedDialog.
 */
export function CreateClientForm({ server }: { server: CreatedServer & { scopes: ScopeDto[] } }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [state, dispatch, pending] = useActionState(createClientAction, null);
  const uris = useUriRows([]);
  const [isPublic, setIsPublic] = useState(false);
  const [authMethod, setAuthMethod] = useState<"client_secret" | "private_key_jwt">("client_secret");
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [submittedKeys, setSubmittedKeys] = useState<number[]>([]);

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      void queryClient.invalidateQueries({ queryKey: clientKeys.server(server.slug) });
      void queryClient.invalidateQueries({ queryKey: serverKeys.all });
    } else if (!hasFieldErrors(state.fieldErrors, FIELD_KEYS)) {
      // Errors that belong to no field (a role that cannot do this, a server that is gone).
      toast.error(state.message);
    }
  }, [state, queryClient, server.slug]);

  const failed = state?.ok === false ? state : undefined;
  const errors = clientErrors ?? failed?.fieldErrors;
  const [isClosing, setIsClosing] = useState(false);
  const flow = flowFor(uris.rows.map((r) => r.value.trim()).filter((v) => v !== ""));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Submitting through dispatch (not <form action>) keeps what was typed: React resets only
    // forms that use the action prop.
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    setSubmittedKeys(filledRowKeys(uris.rows));
    const parsed = CreateClientInput.safeParse(clientFormToInput(formToObject(form)));
    if (!parsed.success) {
      setClientErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setClientErrors(null);
    startTransition(() => dispatch(form));
  }

  return (
    <>
      <form noValidate onSubmit={onSubmit} className="grid max-w-2xl gap-6" aria-busy={pending}>
        <FormAlert message={hasFieldErrors(errors, FIELD_KEYS) ? "Fix the highlighted fields." : undefined} />
        <input type="hidden" name="serverSlug" value={server.slug} />
        <CountedField
          max={100}
          label="Name"
          name="name"
          required
          errors={errors?.name}
          description="Shown to users on the consent screen and in this dashboard."
          autoComplete="off"
        />
        <div className="grid gap-2">
          <Label htmlFor="description">Description</Label>
          <Textarea
            id="description"
            name="description"
            rows={2}
            maxLength={500}
            aria-invalid={errors?.description ? true : undefined}
            aria-describedby={errors?.description ? "description-error" : undefined}
          />
          {errors?.description ? (
            <p id="description-error" role="alert" className="text-sm font-medium text-destructive">
              {errors.description.join(" ")}
            </p>
          ) : null}
        </div>
        <RedirectUriRows
          rows={uris.rows}
          onAdd={uris.add}
          onRemove={uris.remove}
          onChange={uris.update}
          rowErrors={rowErrorsOf(errors, submittedKeys)}
          listErrors={errors?.redirectUris}
          description="Where users come back to after they sign in and consent. Leave empty for a machine-to-machine client."
        />
        {flow === "authorization_code" ? (
          <div className="flex items-start gap-2">
            <Checkbox
              id="isPublic"
              name="isPublic"
              checked={isPublic}
              onCheckedChange={(v) => setIsPublic(v === true)}
              className="mt-0.5"
            />
            <Label htmlFor="isPublic" className="leading-snug">
              Public client (PKCE only, no secret) — for native and browser apps
            </Label>
          </div>
        ) : null}
        {flow === "authorization_code" && isPublic ? null : (
          <ClientAuthFields authMethod={authMethod} onChange={setAuthMethod} errors={errors} />
        )}
        <p role="status" aria-live="polite" className="rounded-md border bg-muted/50 px-3 py-2 text-sm">
          {flowExplanation(flow, isPublic)}
        </p>
        <DpopField />
        <ScopeCheckboxes
          scopes={server.scopes}
          defaultChecked={[]}
          errors={errors?.allowedScopes}
          settingsHref={`/servers/${server.slug}/settings`}
        />
        <div>
          <SubmitButton pending={pending}>Create client</SubmitButton>
        </div>
      </form>
      {state?.ok && !isClosing ? (
        <ClientCreatedDialog
          client={state.data.client}
          clientSecret={state.data.clientSecret}
          server={server}
          onClose={() => {
            setIsClosing(true);
            router.push(clientHref(server.slug, state.data.client.id));
          }}
        />
      ) : null}
    </>
  );
}

/** How a confidential client authenticates: a generated secret, or its own keys (private_key_jwt). */
function ClientAuthFields({
  authMethod,
  onChange,
  errors,
}: {
  authMethod: "client_secret" | "private_key_jwt";
  onChange: (m: "client_secret" | "private_key_jwt") => void;
  errors: FieldErrors | null | undefined;
}) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">Client authentication</legend>
      {(
        [
          ["client_secret", "Client secret — Gatehouse generates one and shows it once"],
          ["private_key_jwt", "Private key JWT — the client signs a short-lived JWT with its own key; no secret"],
        ] as const
      ).map(([value, label]) => (
        <label key={value} className="flex items-start gap-2 text-sm leading-snug">
          <input
            type="radio"
            name="authMethod"
            value={value}
            checked={authMethod === value}
            onChange={() => onChange(value)}
            className="mt-0.5"
          />
          {label}
        </label>
      ))}
      {authMethod === "private_key_jwt" ? (
        <div className="grid gap-3 rounded-md border p-3">
          <p className="text-sm text-muted-foreground">
            Give the client&apos;s <strong>public</strong> keys: paste a JWKS, or a jwks_uri (https) where the client
            publishes it — with a URL, keys can be rotated there without editing this client (an unknown kid makes
            Gatehouse fetch it again). Private keys (with &quot;d&quot;) and shared secrets (kty &quot;oct&quot;) are
            refused. Assertions must use ES256, ES384, PS256, RS256 or EdDSA, have iss = sub = the client ID, aud = the
            issuer or token endpoint, a unique jti, and expire within 5 minutes.
          </p>
          <div className="grid gap-2">
            <Label htmlFor="jwks">JWKS (public keys)</Label>
            <Textarea
              id="jwks"
              name="jwks"
              rows={5}
              placeholder='{"keys":[{"kty":"EC","crv":"P-256","x":"…","y":"…","kid":"2026-01"}]}'
              className="font-mono text-xs"
              aria-invalid={errors?.jwks ? true : undefined}
            />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="jwksUri">or jwks_uri</Label>
            <Input id="jwksUri" name="jwksUri" type="url" placeholder="https://client.example.com/jwks.json" />
          </div>
          {errors?.jwks || errors?.jwksUri ? (
            <p role="alert" className="text-sm font-medium text-destructive">
              {[...(errors.jwks ?? []), ...(errors.jwksUri ?? [])].join(" ")}
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
