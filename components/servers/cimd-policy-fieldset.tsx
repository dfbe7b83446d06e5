"use client";

import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { CIMD_TRUST_LABELS, CIMD_TRUST_MODES, type CimdTrustMode } from "@/lib/schemas/cimd-policy";
import type { ServerDto } from "@/lib/services";

type Values = Record<string, string | string[]> | undefined;

function one(values: Values, key: string): string | undefined {
  const v = values?.[key];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The Settings form's "Client ID Metadata Documents" fieldset (checklist §4, CIMD-19): accept URL
 * client_ids, and which hosts may serve them. `values` echoes a failed submission back.
 */
export function CimdPolicyFieldset({
  server,
  values,
  errors,
}: {
  server?: ServerDto;
  values?: Values;
  errors?: Record<string, string[] | undefined>;
}) {
  const enabled = values ? one(values, "cimdEnabled") === "on" : (server?.cimdEnabled ?? false);
  const trust = ((values ? one(values, "cimdTrust") : undefined) ?? server?.cimdTrust ?? "ANY") as CimdTrustMode;
  const hosts = values ? (one(values, "cimdHosts") ?? "") : (server?.cimdHosts ?? []).join("\n");
  const hostErrors = Object.entries(errors ?? {})
    .filter(([k]) => k === "cimdHosts" || k.startsWith("cimdHosts."))
    .flatMap(([, v]) => v ?? []);
  const trustErrors = errors?.cimdTrust;
  return (
    <fieldset className="grid gap-4 rounded-lg border p-4">
      <legend className="px-1 text-sm font-semibold">Client ID Metadata Documents</legend>
      <input type="hidden" name="cimdPolicy" value="1" />
      <div className="flex items-start gap-3">
        <input
          id="cimdEnabled"
          name="cimdEnabled"
          type="checkbox"
          defaultChecked={enabled}
          aria-describedby="cimdEnabled-description"
          className="mt-1 size-4 accent-primary"
        />
        <div className="grid gap-1">
          <Label htmlFor="cimdEnabled">Accept metadata-document clients</Label>
          <p id="cimdEnabled-description" className="text-sm text-muted-foreground">
            An MCP client may use the https URL of a JSON document describing itself as its client ID; Gatehouse fetches
            it (at most 5 KB, never from private or internal addresses) and caches it for 5 minutes to 24 hours. This is
            the registration path the MCP specification recommends. While on, the metadata advertises
            client_id_metadata_document_supported.
          </p>
        </div>
      </div>
      <div
        role="radiogroup"
        aria-labelledby="cimdTrust-label"
        aria-describedby={trustErrors ? "cimdTrust-error" : undefined}
        className="grid gap-2"
      >
        <p id="cimdTrust-label" className="text-sm font-medium">
          Hosts that may serve metadata documents
        </p>
        {CIMD_TRUST_MODES.map((mode) => (
          <label key={mode} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="cimdTrust"
              value={mode}
              defaultChecked={trust === mode}
              className="size-4 accent-primary"
            />
            {CIMD_TRUST_LABELS[mode]}
          </label>
        ))}
        {trustErrors && (
          <p id="cimdTrust-error" role="alert" className="text-sm text-destructive">
            {trustErrors.join(" ")}
          </p>
        )}
      </div>
      <div className="grid gap-2">
        <Label htmlFor="cimdHosts">Hosts</Label>
        <Textarea
          id="cimdHosts"
          name="cimdHosts"
          rows={3}
          defaultValue={hosts}
          placeholder={"app.example.com\nclients.example.org"}
          spellCheck={false}
          aria-invalid={hostErrors.length > 0 ? true : undefined}
          aria-describedby={hostErrors.length > 0 ? "cimdHosts-description cimdHosts-error" : "cimdHosts-description"}
          className="font-mono"
        />
        <p id="cimdHosts-description" className="text-sm text-muted-foreground">
          One host name a line, matched exactly (no wildcards: list each subdomain). Used by the allowlist or denylist
          above.
        </p>
        {hostErrors.length > 0 && (
          <p id="cimdHosts-error" role="alert" className="text-sm text-destructive">
            {hostErrors.join(" ")}
          </p>
        )}
      </div>
    </fieldset>
  );
}
