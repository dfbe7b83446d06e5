"use client";

import { useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { ServerDto } from "@/lib/services";

// The MCP server form's field groups, shared by the Create page (one form) and the Settings page
// (one form per section, lib/schemas/server-sections.ts).

type Values = Record<string, string | string[]> | undefined;
type Errors = Record<string, string[] | undefined> | undefined;

/** A submitted value echoed back after a failed save (React 19 resets forms), else the stored one. */
export function valueOf(values: Values, key: string, fallback?: string | number): string | number | undefined {
  const x = values?.[key];
  return typeof x === "string" ? x : fallback;
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

/** Name, slug, resource URL, description. A new server's slug follows its name until edited. */
export function GeneralFields({ server, values, errors }: { server?: ServerDto; values: Values; errors: Errors }) {
  const [slug, setSlug] = useState(String(valueOf(values, "slug", server?.slug ?? "")));
  const [slugTouched, setSlugTouched] = useState(Boolean(server));
  return (
    <>
      <FormField
        label="Name"
        name="name"
        required
        errors={errors?.name}
        defaultValue={valueOf(values, "name", server?.name)}
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
          {server && " Changing it changes the issuer: connected clients must discover the server again."}
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
        defaultValue={valueOf(values, "resourceUrl", server?.resourceUrl)}
        inputClassName="font-mono"
      />
      <div className="grid gap-2">
        <Label htmlFor="description">Description</Label>
        <Textarea
          id="description"
          name="description"
          rows={2}
          defaultValue={valueOf(values, "description", server?.description)}
          aria-invalid={errors?.description ? true : undefined}
        />
        {errors?.description && (
          <p role="alert" className="text-sm text-destructive">
            {errors.description.join(" ")}
          </p>
        )}
      </div>
    </>
  );
}

/** Access- and refresh-token lifetimes and the refresh grace window. */
export function TokenFields({ server, values, errors }: { server?: ServerDto; values: Values; errors: Errors }) {
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label="Access-token lifetime (seconds)"
          name="accessTokenTtl"
          type="number"
          required
          description="Default 600 (10 minutes)."
          errors={errors?.accessTokenTtl}
          defaultValue={valueOf(values, "accessTokenTtl", server?.accessTokenTtl ?? 600)}
          inputProps={{ min: 60, max: 86400, inputMode: "numeric" }}
        />
        <FormField
          label="Refresh-token lifetime (seconds)"
          name="refreshTokenTtl"
          type="number"
          required
          description="Default 2592000 (30 days)."
          errors={errors?.refreshTokenTtl}
          defaultValue={valueOf(values, "refreshTokenTtl", server?.refreshTokenTtl ?? 2_592_000)}
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
        defaultValue={valueOf(values, "refreshGraceSeconds", server?.refreshGraceSeconds ?? 30)}
        inputProps={{ min: 0, max: 300, inputMode: "numeric" }}
      />
      <FormField
        label="Status list cache time (seconds)"
        name="statusListTtl"
        type="number"
        required
        description="Default 10. MCP servers that verify tokens themselves re-read the token status list this often, so they see a revocation within this time plus one second. Shorter means fresher, at more requests to Gatehouse."
        errors={errors?.statusListTtl}
        defaultValue={valueOf(values, "statusListTtl", server?.statusListTtl ?? 10)}
        inputProps={{ min: 1, max: 3600, inputMode: "numeric" }}
      />
    </>
  );
}

/** The scope rows to show: what was just submitted (after a failed save), else the stored list. */
export function scopesOf(values: Values, server?: ServerDto): { name: string; description: string }[] {
  if (!values) return server?.scopes ?? [{ name: "mcp:tools", description: "Use the server's tools" }];
  const names = [values.scopeName ?? []].flat();
  const descriptions = [values.scopeDescription ?? []].flat();
  return names.map((name, i) => ({ name, description: descriptions[i] ?? "" }));
}
