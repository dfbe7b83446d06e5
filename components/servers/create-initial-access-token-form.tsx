"use client";

import { useActionState, useEffect, useState } from "react";
import { toast } from "sonner";
import { createInitialAccessTokenAction } from "@/app/(dashboard)/servers/[slug]/settings/registration/actions";
import { SecretReveal } from "@/components/feedback/secret-reveal";
import { SubmitButton } from "@/components/forms/submit-button";
import { useClientValidation } from "@/components/forms/use-client-validation";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import {
  CreateInitialAccessTokenInput,
  INITIAL_ACCESS_TOKEN_EXPIRY_LABELS,
  type InitialAccessTokenExpiry,
} from "@/lib/schemas/dcr-policy";

const EXPIRIES = Object.keys(INITIAL_ACCESS_TOKEN_EXPIRY_LABELS) as InitialAccessTokenExpiry[];
const FIELDS = ["name", "expiresIn", "maxUses"];

/** Creates an initial access token; the token shows once, here, and goes when "Done" is pressed. */
export function CreateInitialAccessTokenForm({ serverSlug }: { serverSlug: string }) {
  const [round, setRound] = useState(0);
  return <CreateForm key={round} serverSlug={serverSlug} onDone={() => setRound((r) => r + 1)} />;
}

function CreateForm({ serverSlug, onDone }: { serverSlug: string; onDone: () => void }) {
  const [state, formAction, pending] = useActionState(createInitialAccessTokenAction, null);
  const { clientErrors, onSubmit } = useClientValidation(CreateInitialAccessTokenInput);

  useEffect(() => {
    if (state?.ok) toast.success(`Initial access token “${state.data.initialAccessToken.name}” created`);
    else if (state && !FIELDS.some((f) => state.fieldErrors?.[f]?.length)) toast.error(state.message);
  }, [state]);

  if (state?.ok) {
    const t = state.data.initialAccessToken;
    return (
      <section aria-labelledby="iat-created" className="grid max-w-2xl gap-3 rounded-lg border p-4">
        <h2 id="iat-created" className="text-base font-semibold">
          Token “{t.name}” created
        </h2>
        <SecretReveal secret={state.data.token} copyLabel="initial access token">
          <p className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
            This token will not be shown again. Give it to whoever registers the client; it works{" "}
            {t.maxUses === 1 ? "once" : `${t.maxUses} times`} until{" "}
            {t.expiresAt ? new Date(t.expiresAt).toUTCString() : "revoked"}. Send it as{" "}
            <code className="font-mono">Authorization: Bearer …</code> to the registration endpoint.
          </p>
        </SecretReveal>
        <div>
          <Button type="button" onClick={onDone}>
            Done
          </Button>
        </div>
      </section>
    );
  }

  const failed = state?.ok === false ? state : undefined;
  const errors = clientErrors ?? failed?.fieldErrors;
  const value = (k: string, fallback: string) => {
    const v = failed?.values?.[k];
    return typeof v === "string" ? v : fallback;
  };
  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="grid max-w-2xl gap-4 rounded-lg border p-4"
      aria-labelledby="iat-create"
    >
      <h2 id="iat-create" className="text-base font-semibold">
        Create an initial access token
      </h2>
      <input type="hidden" name="serverSlug" value={serverSlug} />
      <FormField
        label="Name"
        name="name"
        required
        placeholder="Acme's VS Code rollout"
        description="Who or what the token is for."
        errors={errors?.name}
        defaultValue={value("name", "")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid content-start gap-2">
          <Label htmlFor="expiresIn">Expires after</Label>
          <select
            id="expiresIn"
            name="expiresIn"
            defaultValue={value("expiresIn", "7d")}
            aria-invalid={errors?.expiresIn ? true : undefined}
            aria-describedby={errors?.expiresIn ? "expiresIn-error" : undefined}
            className="h-9 rounded-md border border-input bg-transparent px-3 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            {EXPIRIES.map((e) => (
              <option key={e} value={e}>
                {INITIAL_ACCESS_TOKEN_EXPIRY_LABELS[e]}
              </option>
            ))}
          </select>
          {errors?.expiresIn && (
            <p id="expiresIn-error" role="alert" className="text-sm text-destructive">
              {errors.expiresIn.join(" ")}
            </p>
          )}
        </div>
        <FormField
          label="Maximum registrations"
          name="maxUses"
          type="number"
          required
          description="Each client registered with the token uses it once."
          errors={errors?.maxUses}
          defaultValue={value("maxUses", "1")}
          className="content-start"
          inputProps={{ min: 1, max: 100000, inputMode: "numeric" }}
        />
      </div>
      <div>
        <SubmitButton pending={pending}>Create token</SubmitButton>
      </div>
    </form>
  );
}
