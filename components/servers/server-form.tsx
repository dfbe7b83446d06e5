"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import { useClientValidation } from "@/components/forms/use-client-validation";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions/action-result";
import { serverKeys } from "@/lib/queries/servers";
import { ServerInput, serverFormToInput, UpdateServerInput } from "@/lib/schemas/servers";
import type { ServerDto } from "@/lib/services";
import { CimdPolicyFieldset } from "./cimd-policy-fieldset";
import { DcrPolicyFieldset } from "./dcr-policy-fieldset";
import { ScopeRows } from "./scope-rows";

type Action = (prev: ActionResult<{ slug: string }> | null, form: FormData) => Promise<ActionResult<{ slug: string }>>;

function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

/** Create and edit an MCP server. One zod schema validates here and again on the server. */
export function ServerForm({ action, server }: { action: Action; server?: ServerDto }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [state, formAction, pending] = useActionState(action, null);
  const { clientErrors, onSubmit } = useClientValidation(server ? UpdateServerInput : ServerInput, serverFormToInput);
  const [slug, setSlug] = useState(server?.slug ?? "");
  const [slugTouched, setSlugTouched] = useState(Boolean(server));

  useEffect(() => {
    if (state?.ok) {
      toast.success(server ? "MCP server saved" : "MCP server created");
      void queryClient.invalidateQueries({ queryKey: serverKeys.all });
      router.push(`/servers/${state.data.slug}`);
    } else if (state && !state.fieldErrors) {
      toast.error(state.message);
    }
  }, [state, server, router, queryClient]);

  const failed = state?.ok === false ? state : undefined;
  const errors = clientErrors ?? failed?.fieldErrors;
  const v = (k: string, fallback?: string | number) => {
    const x = failed?.values?.[k];
    return typeof x === "string" ? x : fallback;
  };
  const scopes = failed?.values
    ? (() => {
        const names = [failed.values.scopeName ?? []].flat();
        const descs = [failed.values.scopeDescription ?? []].flat();
        return names.map((name, i) => ({ name, description: descs[i] ?? "" }));
      })()
    : (server?.scopes ?? [{ name: "mcp:tools", description: "Use the server's tools" }]);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="grid max-w-2xl gap-5">
      <FormAlert message={failed?.fieldErrors ? failed.message : undefined} />
      {server && <input type="hidden" name="serverId" value={server.id} />}
      <FormField
        label="Name"
        name="name"
        required
        errors={errors?.name}
        defaultValue={v("name", server?.name)}
        inputProps={{
          onChange: (e) => {
            if (!slugTouched) setSlug(slugify(e.currentTarget.value));
          },
        }}
      />
      <div className="grid gap-2">
        <Label htmlFor="slug">
          Slug <span aria-hidden>*</span>
        </Label>
        <input
          id="slug"
          name="slug"
          value={slug}
          onChange={(e) => {
            setSlugTouched(true);
            setSlug(e.currentTarget.value);
          }}
          aria-invalid={errors?.slug ? true : undefined}
          aria-describedby={errors?.slug ? "slug-error" : "slug-description"}
          className="flex h-9 w-full rounded-md border border-input bg-transparent px-3 py-1 font-mono text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive"
        />
        <p id="slug-description" className="text-sm text-muted-foreground">
          Part of the issuer URL: /oauth/{slug || "your-slug"}. Lowercase letters, digits and dashes.
        </p>
        {errors?.slug && (
          <p id="slug-error" role="alert" className="text-sm text-destructive">
            {errors.slug.join(" ")}
          </p>
        )}
      </div>
      <FormField
        label="Resource URL"
        name="resourceUrl"
        type="url"
        required
        placeholder="https://mcp.example.com/mcp"
        description="The MCP endpoint's URL. It becomes the audience (aud) of this server's access tokens."
        errors={errors?.resourceUrl}
        defaultValue={v("resourceUrl", server?.resourceUrl)}
        inputClassName="font-mono"
      />
      <div className="grid gap-2">
        <Label htmlFor="description">Description</Label>
        <Textarea
          id="description"
          name="description"
          rows={2}
          defaultValue={v("description", server?.description)}
          aria-invalid={errors?.description ? true : undefined}
        />
        {errors?.description && (
          <p role="alert" className="text-sm text-destructive">
            {errors.description.join(" ")}
          </p>
        )}
      </div>
      <ScopeRows key={failed ? "failed" : "initial"} initial={scopes} errors={errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label="Access-token lifetime (seconds)"
          name="accessTokenTtl"
          type="number"
          required
          description="Default 600 (10 minutes)."
          errors={errors?.accessTokenTtl}
          defaultValue={v("accessTokenTtl", server?.accessTokenTtl ?? 600)}
          inputProps={{ min: 60, max: 86400, inputMode: "numeric" }}
        />
        <FormField
          label="Refresh-token lifetime (seconds)"
          name="refreshTokenTtl"
          type="number"
          required
          description="Default 2592000 (30 days)."
          errors={errors?.refreshTokenTtl}
          defaultValue={v("refreshTokenTtl", server?.refreshTokenTtl ?? 2_592_000)}
          inputProps={{ min: 3600, max: 31536000, inputMode: "numeric" }}
        />
      </div>
      <FormField
        label="Refresh grace window (seconds)"
        name="refreshGraceSeconds"
        type="number"
        required
        description="Default 30. A refresh token used again within this window after rotation gets the same successor (MCP clients often refresh from several processes); after it, reuse revokes the whole authorization."
        errors={errors?.refreshGraceSeconds}
        defaultValue={v("refreshGraceSeconds", server?.refreshGraceSeconds ?? 30)}
        inputProps={{ min: 0, max: 300, inputMode: "numeric" }}
      />
      <DcrPolicyFieldset server={server} values={failed?.values} errors={errors} />
      <CimdPolicyFieldset server={server} values={failed?.values} errors={errors} />
      <div>
        <SubmitButton pending={pending}>{server ? "Save changes" : "Create MCP server"}</SubmitButton>
      </div>
    </form>
  );
}
