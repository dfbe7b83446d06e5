"use client";

// Add or edit an upstream OIDC provider. The preset fills the issuer pattern, scopes and claims;
// the client secret field is write-only (left empty on edit, the stored secret stays).
import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { IDP_PRESETS, PRESET_IDS, isPresetId, type PresetId } from "@/lib/identity/presets";
import type { IdentityProviderDto } from "@/lib/services";

type Action<T> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

function Check({
  name,
  label,
  defaultChecked,
  value,
}: {
  name: string;
  label: string;
  defaultChecked: boolean;
  value?: string;
}) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" name={name} value={value} defaultChecked={defaultChecked} className="mt-1" />
      <span>{label}</span>
    </label>
  );
}

export function ProviderForm<T>({
  action,
  provider,
  servers,
}: {
  action: Action<T>;
  provider?: IdentityProviderDto;
  servers: { id: string; name: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [preset, setPreset] = useState<PresetId>(provider?.preset ?? "oidc");
  const [presetInput, setPresetInput] = useState("");
  const p = IDP_PRESETS[preset];
  const failed = state?.ok === false ? state : undefined;
  const errors = failed?.fieldErrors ?? {};
  const v = (name: string) =>
    typeof failed?.values?.[name] === "string" ? (failed.values[name] as string) : undefined;
  const issuer = presetInput || !p.input ? p.issuer(presetInput) : undefined;
  // Remount the fields a preset fills when it changes, so their defaults follow it.
  const fillKey = `${preset}:${issuer ?? ""}`;
  return (
    <form action={formAction} noValidate className="grid max-w-2xl gap-4">
      <FormAlert message={failed ? failed.message : state?.ok ? "Saved." : undefined} />
      {provider && <input type="hidden" name="providerId" value={provider.id} />}
      <div className="grid gap-2">
        <Label htmlFor="preset">Provider</Label>
        <select
          id="preset"
          name="preset"
          value={preset}
          onChange={(e) => isPresetId(e.target.value) && setPreset(e.target.value)}
          className="h-9 rounded-md border bg-background px-3 text-sm"
        >
          {PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {IDP_PRESETS[id].name}
            </option>
          ))}
        </select>
      </div>
      {!provider && p.input && preset !== "oidc" && (
        <FormField
          label={p.input.label}
          name="presetInput"
          placeholder={p.input.placeholder}
          description={`${p.input.hint} Fills in the issuer below.`}
          inputProps={{ onChange: (e) => setPresetInput(e.currentTarget.value) }}
        />
      )}
      <div key={fillKey} className="grid gap-4">
        <FormField
          label="Issuer URL"
          name="issuer"
          required
          errors={errors.issuer}
          defaultValue={v("issuer") ?? provider?.issuer ?? issuer}
          placeholder={p.input?.placeholder}
          description="Gatehouse reads {issuer}/.well-known/openid-configuration."
        />
        <FormField
          label="Scopes"
          name="scopes"
          errors={errors.scopes}
          defaultValue={v("scopes") ?? provider?.scopes.join(" ") ?? p.scopes.join(" ")}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField
            label="Email claim"
            name="emailClaim"
            errors={errors.emailClaim}
            defaultValue={v("emailClaim") ?? provider?.emailClaim ?? p.emailClaim}
          />
          <FormField
            label="Name claim"
            name="nameClaim"
            errors={errors.nameClaim}
            defaultValue={v("nameClaim") ?? provider?.nameClaim ?? p.nameClaim}
          />
          <FormField
            label="Groups claim"
            name="groupsClaim"
            errors={errors.groupsClaim}
            defaultValue={v("groupsClaim") ?? provider?.groupsClaim ?? p.groupsClaim ?? ""}
          />
        </div>
      </div>
      <FormField
        label="Button label"
        name="label"
        required
        errors={errors.label}
        defaultValue={v("label") ?? provider?.label ?? p.name}
        description={`Shown as “Continue with …” on the sign-in page.`}
      />
      <FormField
        label="Slug"
        name="slug"
        required
        errors={errors.slug}
        defaultValue={v("slug") ?? provider?.slug ?? preset}
        description="Part of the redirect URI: /api/identity/{slug}/callback."
      />
      <FormField
        label="Client ID"
        name="clientId"
        required
        errors={errors.clientId}
        defaultValue={v("clientId") ?? provider?.clientId}
        autoComplete="off"
      />
      <FormField
        label="Client secret"
        name="clientSecret"
        type="password"
        errors={errors.clientSecret}
        autoComplete="new-password"
        description={
          provider?.hasClientSecret
            ? "A secret is stored (sealed). Leave empty to keep it."
            : "Leave empty for a public client (PKCE only)."
        }
      />
      {provider?.hasClientSecret && (
        <Check name="clearSecret" label="Remove the stored secret" defaultChecked={false} />
      )}
      <div className="grid gap-2">
        <Label htmlFor="allowedDomains">Allowed email domains</Label>
        <Textarea
          id="allowedDomains"
          name="allowedDomains"
          rows={2}
          defaultValue={v("allowedDomains") ?? provider?.allowedDomains.join("\n") ?? ""}
          aria-invalid={Boolean(errors.allowedDomains)}
        />
        <p className="text-sm text-muted-foreground">
          One per line. Empty: any domain, but then it can never claim an existing account by email.
        </p>
        {errors.allowedDomains && <p className="text-sm text-destructive">{errors.allowedDomains.join(" ")}</p>}
      </div>
      <Check
        name="routeDomains"
        label="Route these domains here (email-first sign-in)"
        defaultChecked={provider?.routeDomains ?? false}
      />
      <Check
        name="jitEnabled"
        label="Create end users on first sign-in"
        defaultChecked={provider?.jitEnabled ?? true}
      />
      <Check
        name="requireEmailVerified"
        label="Require email_verified"
        defaultChecked={provider?.requireEmailVerified ?? true}
      />
      <Check name="enabled" label="Enabled" defaultChecked={provider?.enabled ?? true} />
      <div className="grid gap-2">
        <Label htmlFor="roleMappings">Group → staff role</Label>
        <Textarea
          id="roleMappings"
          name="roleMappings"
          rows={3}
          placeholder="gatehouse-admins = ADMIN"
          defaultValue={
            v("roleMappings") ?? provider?.roleMappings.map((m) => `${m.group} = ${m.role}`).join("\n") ?? ""
          }
          aria-invalid={Boolean(errors.roleMappings)}
        />
        <p className="text-sm text-muted-foreground">
          One “group = ROLE” per line, checked at every sign-in: leaving the group removes the role. Owners are never
          changed.
        </p>
        {errors.roleMappings && <p className="text-sm text-destructive">{errors.roleMappings.join(" ")}</p>}
      </div>
      <ServerChecks
        name="serverIds"
        legend="MCP servers that offer it (none ticked: all)"
        servers={servers}
        checked={provider?.serverIds ?? []}
      />
      <ServerChecks
        name="idJagServerIds"
        legend="Enterprise-managed authorization (ID-JAG)"
        servers={servers}
        checked={provider?.idJagServerIds ?? []}
      >
        <p className="mb-1 text-sm text-muted-foreground">
          MCP servers ticked here accept identity assertions (ID-JAG) this provider issues for its users: an MCP client
          the provider has authorized gets tokens without a consent screen, and the access shows in the client&apos;s
          Consents tab as granted by this provider&apos;s policy. None ticked: off.
        </p>
      </ServerChecks>
      <SubmitButton pending={pending} className="justify-self-start">
        {provider ? "Save changes" : "Add provider"}
      </SubmitButton>
    </form>
  );
}

/** A fieldset of one checkbox per MCP server, posted as repeated `name` values. */
function ServerChecks({
  name,
  legend,
  servers,
  checked,
  children,
}: {
  name: string;
  legend: string;
  servers: { id: string; name: string }[];
  checked: string[];
  children?: React.ReactNode;
}) {
  return (
    <fieldset className="grid gap-1">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {children}
      {servers.map((s) => (
        <Check key={s.id} name={name} value={s.id} label={s.name} defaultChecked={checked.includes(s.id)} />
      ))}
    </fieldset>
  );
}
