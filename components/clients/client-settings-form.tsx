"use client";

import { useQueryClient } from "@tanstack/react-query";
import { startTransition, useActionState, useEffect, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { updateClientAction } from "@/app/(dashboard)/servers/[slug]/clients/actions";
import { CountedField } from "@/components/forms/counted-field";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { DpopField } from "./dpop-field";
import { clientKeys } from "@/lib/queries/clients";
import { clientFormToInput, UpdateClientInput } from "@/lib/schemas/clients";
import { fieldErrorsOf, formToObject, type FieldErrors } from "@/lib/schemas/form";
import type { ClientDto, ScopeDto } from "@/lib/services";
import { hasFieldErrors } from "./form-errors";
import { filledRowKeys, RedirectUriRows, rowErrorsOf, useUriRows } from "./redirect-uri-rows";
import { ScopeCheckboxes } from "./scope-checkboxes";

const FIELD_KEYS = ["name", "description", "redirectUris", "allowedScopes", "jwks", "jwksUri"] as const;
const NEEDS_ONE_URI = "An authorization-code client needs at least one redirect URI.";

/**
 * Edits a pre-registered client. The flow is fixed at creation, so a client-credentials client
 * gets no redirect-URI editor and an authorization-code client must keep at least one URI.
 */
export function ClientSettingsForm({
  serverSlug,
  client,
  scopes,
}: {
  serverSlug: string;
  client: ClientDto;
  scopes: ScopeDto[];
}) {
  const queryClient = useQueryClient();
  const [state, dispatch, pending] = useActionState(updateClientAction, null);
  const uris = useUriRows(client.redirectUris);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [submittedKeys, setSubmittedKeys] = useState<number[]>([]);
  const isAuthorizationCode = client.flow === "authorization_code";

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      toast.success("Client saved");
      void queryClient.invalidateQueries({ queryKey: clientKeys.server(serverSlug) });
    } else if (!hasFieldErrors(state.fieldErrors, FIELD_KEYS)) {
      toast.error(state.message);
    }
  }, [state, queryClient, serverSlug]);

  const failed = state?.ok === false ? state : undefined;
  const errors = clientErrors ?? failed?.fieldErrors;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Through dispatch, not <form action>: React would reset the form (and the rows) after saving.
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const keys = filledRowKeys(uris.rows);
    setSubmittedKeys(keys);
    const parsed = UpdateClientInput.safeParse(clientFormToInput(formToObject(form)));
    const found = parsed.success ? {} : fieldErrorsOf(parsed.error);
    // The one rule the schema cannot know: this client's flow (the server checks it again).
    if (isAuthorizationCode && keys.length === 0) found.redirectUris = [NEEDS_ONE_URI];
    if (Object.keys(found).length > 0) {
      setClientErrors(found);
      return;
    }
    setClientErrors(null);
    startTransition(() => dispatch(form));
  }

  return (
    <form noValidate onSubmit={onSubmit} className="grid max-w-2xl gap-6" aria-busy={pending}>
      <FormAlert message={hasFieldErrors(errors, FIELD_KEYS) ? "Fix the highlighted fields." : undefined} />
      <input type="hidden" name="serverSlug" value={serverSlug} />
      <input type="hidden" name="clientId" value={client.id} />
      <CountedField
        max={100}
        label="Name"
        name="name"
        required
        defaultValue={client.name}
        errors={errors?.name}
        inputProps={{ maxLength: 100 }}
        autoComplete="off"
      />
      <div className="grid gap-2">
        <Label htmlFor="description">Description</Label>
        <Textarea
          id="description"
          name="description"
          rows={2}
          maxLength={500}
          defaultValue={client.description}
          aria-invalid={errors?.description ? true : undefined}
          aria-describedby={errors?.description ? "description-error" : undefined}
        />
        {errors?.description ? (
          <p id="description-error" role="alert" className="text-sm font-medium text-destructive">
            {errors.description.join(" ")}
          </p>
        ) : null}
      </div>
      {isAuthorizationCode ? (
        <RedirectUriRows
          rows={uris.rows}
          onAdd={uris.add}
          onRemove={uris.remove}
          onChange={uris.update}
          rowErrors={rowErrorsOf(errors, submittedKeys)}
          listErrors={errors?.redirectUris}
          description="Where users come back to after they sign in and consent. Matched exactly; keep at least one."
        />
      ) : (
        <div className="grid gap-1">
          <p className="text-sm font-medium">Redirect URIs</p>
          <p className="text-sm text-muted-foreground">
            None. This client uses the client-credentials flow: it acts on its own behalf and never sends a user
            anywhere, so it has no redirect URIs. To act on behalf of users, create a new client with redirect URIs.
          </p>
        </div>
      )}
      <ScopeCheckboxes
        scopes={scopes}
        defaultChecked={client.allowedScopes}
        errors={errors?.allowedScopes}
        settingsHref={`/servers/${serverSlug}/settings`}
      />
      {client.tokenEndpointAuthMethod === "private_key_jwt" ? (
        <div className="grid gap-2">
          <Label htmlFor="jwks">Replace keys (private_key_jwt)</Label>
          <p className="text-sm text-muted-foreground">
            This client authenticates with JWTs signed by its own key. Leave both empty to keep its registered keys. To
            rotate, paste the new public JWKS (include the old key until the client has switched), or give a jwks_uri
            (https) where the client publishes its keys. Private keys and shared secrets are refused.
          </p>
          <Textarea
            id="jwks"
            name="jwks"
            rows={4}
            className="font-mono text-xs"
            aria-invalid={errors?.jwks ? true : undefined}
          />
          <Input id="jwksUri" name="jwksUri" type="url" placeholder="or https://client.example.com/jwks.json" />
          {errors?.jwks || errors?.jwksUri ? (
            <p role="alert" className="text-sm font-medium text-destructive">
              {[...(errors.jwks ?? []), ...(errors.jwksUri ?? [])].join(" ")}
            </p>
          ) : null}
        </div>
      ) : null}
      <DpopField defaultChecked={client.dpopBoundAccessTokens} />
      <div>
        <SubmitButton pending={pending}>Save changes</SubmitButton>
      </div>
    </form>
  );
}
