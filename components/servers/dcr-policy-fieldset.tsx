"use client";

import Link from "next/link";
import { useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import {
  DCR_DEFAULTS,
  DCR_MODE_DESCRIPTIONS,
  DCR_MODE_LABELS,
  DCR_MODES,
  DCR_PRESETS,
  DCR_REDIRECT_PRESETS,
  type DcrMode,
} from "@/lib/schemas/dcr-policy";
import type { ServerDto } from "@/lib/services";

type Values = Record<string, string | string[]> | undefined;
type Errors = Record<string, string[] | undefined> | undefined;

function one(values: Values, key: string): string | undefined {
  const v = values?.[key];
  return Array.isArray(v) ? v[0] : v;
}

function all(values: Values, key: string): string[] {
  const v = values?.[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Errors of a key and of its rows ("dcrRedirectCustom.2"). */
function errorsOf(errors: Errors, key: string): string[] {
  return Object.entries(errors ?? {})
    .filter(([k]) => k === key || k.startsWith(`${key}.`))
    .flatMap(([, v]) => v ?? []);
}

/**
 * The Settings form's "Dynamic client registration" fieldset (RFC 7591; checklist §3, REG-14/16):
 * mode, redirect URI allowlist, per-IP rate limit, cap, approval and pruning. `values` echoes a
 * failed submission back; errors show next to their fields.
 */
export function DcrPolicyFieldset({
  server,
  values,
  errors,
}: {
  server?: ServerDto;
  values?: Values;
  errors?: Errors;
}) {
  const initialMode = ((values ? one(values, "dcrMode") : undefined) ?? server?.dcrMode ?? "OFF") as DcrMode;
  const [mode, setMode] = useState<DcrMode>(DCR_MODES.includes(initialMode) ? initialMode : "OFF");
  const presets = values ? all(values, "dcrRedirectPreset") : (server?.dcrRedirectPresets ?? []);
  const custom = values ? (one(values, "dcrRedirectCustom") ?? "") : (server?.dcrRedirectCustom ?? []).join("\n");
  const approval = values ? one(values, "dcrRequireApproval") === "on" : (server?.dcrRequireApproval ?? false);
  const number = (key: string, stored: number | null | undefined, fallback: string) =>
    values ? (one(values, key) ?? "") : stored === null ? "" : String(stored ?? fallback);

  const modeErrors = errorsOf(errors, "dcrMode");
  const presetErrors = errorsOf(errors, "dcrRedirectPresets");
  const customErrors = errorsOf(errors, "dcrRedirectCustom");
  const off = mode === "OFF";

  return (
    <fieldset className="grid gap-4 rounded-lg border p-4">
      <legend className="px-1 text-sm font-semibold">Dynamic client registration</legend>
      <input type="hidden" name="dcrPolicy" value="1" />
      <p className="text-sm text-muted-foreground">
        MCP clients such as Claude, ChatGPT, VS Code and Cursor can register themselves (RFC 7591). The MCP
        specification now prefers metadata documents, but keeps registration for clients that lack them.
      </p>

      <div
        role="radiogroup"
        aria-labelledby="dcrMode-label"
        aria-describedby={modeErrors.length ? "dcrMode-error" : undefined}
        className="grid gap-2"
      >
        <p id="dcrMode-label" className="text-sm font-medium">
          Registration
        </p>
        {DCR_MODES.map((m) => (
          <label key={m} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="dcrMode"
              value={m}
              checked={mode === m}
              onChange={() => setMode(m)}
              className="mt-0.5 size-4 accent-primary"
            />
            <span className="grid gap-0.5">
              <span className="font-medium">{DCR_MODE_LABELS[m]}</span>
              <span className="text-muted-foreground">{DCR_MODE_DESCRIPTIONS[m]}</span>
            </span>
          </label>
        ))}
        {mode === "TOKEN" && server && (
          <p className="text-sm">
            <Link href={`/servers/${server.slug}/settings/registration`} className="font-medium underline">
              Manage initial access tokens
            </Link>{" "}
            — create one for each developer or pipeline that may register a client.
          </p>
        )}
        {modeErrors.length > 0 && (
          <p id="dcrMode-error" role="alert" className="text-sm text-destructive">
            {modeErrors.join(" ")}
          </p>
        )}
      </div>

      <div className={off ? "grid gap-4 opacity-60" : "grid gap-4"}>
        <fieldset className="grid gap-2" aria-describedby="dcrRedirectPresets-description">
          <legend className="text-sm font-medium">Allowed redirect URIs</legend>
          <p id="dcrRedirectPresets-description" className="text-sm text-muted-foreground">
            Tick the MCP clients whose callbacks may register, and add your own below. With nothing ticked and no
            entries, any valid redirect URI may register.
          </p>
          {DCR_REDIRECT_PRESETS.map((p) => (
            <label key={p} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="dcrRedirectPreset"
                value={p}
                defaultChecked={presets.includes(p)}
                className="mt-0.5 size-4 accent-primary"
              />
              <span className="grid gap-0.5">
                <span className="font-medium">{DCR_PRESETS[p].label}</span>
                <span className="font-mono text-xs break-all text-muted-foreground">{DCR_PRESETS[p].allows}</span>
              </span>
            </label>
          ))}
          {presetErrors.length > 0 && (
            <p role="alert" className="text-sm text-destructive">
              {presetErrors.join(" ")}
            </p>
          )}
        </fieldset>

        <div className="grid gap-2">
          <Label htmlFor="dcrRedirectCustom">Custom redirect URIs and hosts</Label>
          <Textarea
            id="dcrRedirectCustom"
            name="dcrRedirectCustom"
            rows={3}
            defaultValue={custom}
            placeholder={"https://app.example.com/oauth/callback\ntools.example.com"}
            spellCheck={false}
            aria-invalid={customErrors.length > 0 ? true : undefined}
            aria-describedby={
              customErrors.length > 0
                ? "dcrRedirectCustom-description dcrRedirectCustom-error"
                : "dcrRedirectCustom-description"
            }
            className="font-mono"
          />
          <p id="dcrRedirectCustom-description" className="text-sm text-muted-foreground">
            One a line: an exact redirect URI, or an exact host name (any https callback on that host). Matched exactly:
            no wildcards, no partial URLs.
          </p>
          {customErrors.length > 0 && (
            <p id="dcrRedirectCustom-error" role="alert" className="text-sm text-destructive">
              {customErrors.join(" ")}
            </p>
          )}
        </div>

        <div className="grid gap-4 sm:grid-cols-2">
          <NumberField
            name="dcrRateLimitPerHour"
            label="Registrations per hour from one address"
            description={`Default ${DCR_DEFAULTS.dcrRateLimitPerHour}; 0 turns the limit off. Over it, registration answers 429.`}
            defaultValue={number(
              "dcrRateLimitPerHour",
              server?.dcrRateLimitPerHour,
              String(DCR_DEFAULTS.dcrRateLimitPerHour),
            )}
            errors={errorsOf(errors, "dcrRateLimitPerHour")}
            min={0}
          />
          <NumberField
            name="dcrMaxClients"
            label="Maximum DCR clients"
            description="Empty: no limit. Counts self-registered clients only; pre-registered and metadata-document clients are not affected."
            defaultValue={number("dcrMaxClients", server?.dcrMaxClients, "")}
            errors={errorsOf(errors, "dcrMaxClients")}
            min={1}
          />
        </div>

        <div className="flex items-start gap-3">
          <input
            id="dcrRequireApproval"
            name="dcrRequireApproval"
            type="checkbox"
            defaultChecked={approval}
            aria-describedby="dcrRequireApproval-description"
            className="mt-1 size-4 accent-primary"
          />
          <div className="grid gap-1">
            <Label htmlFor="dcrRequireApproval">Require an administrator&apos;s approval</Label>
            <p id="dcrRequireApproval-description" className="text-sm text-muted-foreground">
              New self-registered clients wait as “Pending approval” in the Clients list; until approved, users who try
              to sign in to them see that the application awaits approval.
            </p>
          </div>
        </div>

        <div className="grid gap-4 sm:grid-cols-2">
          <NumberField
            name="dcrPruneUnusedDays"
            label="Delete clients never used after (days)"
            description={`Default ${DCR_DEFAULTS.dcrPruneUnusedDays}; 0 keeps them. Self-registered clients that got no token this long after registering.`}
            defaultValue={number(
              "dcrPruneUnusedDays",
              server?.dcrPruneUnusedDays,
              String(DCR_DEFAULTS.dcrPruneUnusedDays),
            )}
            errors={errorsOf(errors, "dcrPruneUnusedDays")}
            min={0}
          />
          <NumberField
            name="dcrPruneIdleDays"
            label="Delete clients unused for (days)"
            description={`Default ${DCR_DEFAULTS.dcrPruneIdleDays}; 0 keeps them. Checked hourly; each deletion is in the audit log.`}
            defaultValue={number("dcrPruneIdleDays", server?.dcrPruneIdleDays, String(DCR_DEFAULTS.dcrPruneIdleDays))}
            errors={errorsOf(errors, "dcrPruneIdleDays")}
            min={0}
          />
        </div>
      </div>
    </fieldset>
  );
}

function NumberField({
  name,
  label,
  description,
  defaultValue,
  errors,
  min,
}: {
  name: string;
  label: string;
  description: string;
  defaultValue: string;
  errors: string[];
  min: number;
}) {
  return (
    <FormField
      label={label}
      name={name}
      type="number"
      description={description}
      errors={errors}
      defaultValue={defaultValue}
      className="content-start"
      inputProps={{ min, inputMode: "numeric" }}
    />
  );
}
