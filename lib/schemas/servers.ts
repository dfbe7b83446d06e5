import { z } from "zod";
import { isLoopbackHost } from "@/lib/oauth/loopback";
import { DCR_FORM_KEYS, DcrPolicyFields, dcrFormToInput } from "./dcr-policy";
import { CIMD_FORM_KEYS, CimdPolicyFields, cimdFormToInput, refineCimdPolicy } from "./cimd-policy";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const Slug = z
  .string()
  .trim()
  .min(1, "Enter a slug.")
  .max(48, "Use at most 48 characters.")
  .regex(SLUG_PATTERN, "Use lowercase letters, digits and single dashes (not at the start or end).");

/** RFC 8707 resource identifier: absolute https URL (http only on a loopback host), no fragment. */
export const ResourceUrl = z
  .string()
  .trim()
  .min(1, "Enter the MCP server's URL.")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter an absolute URL, e.g. https://mcp.example.com/mcp." });
      return;
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
      ctx.addIssue({ code: "custom", message: "Use https (http is allowed only on localhost, 127.0.0.1 or [::1])." });
    }
    if (value.includes("#"))
      ctx.addIssue({ code: "custom", message: "A resource URL must not contain a fragment (#)." });
    if (url.username || url.password)
      ctx.addIssue({ code: "custom", message: "A resource URL must not contain credentials." });
  });

/** RFC 6749 §3.3 scope-token: printable ASCII except space, '"' and '\'. */
export const ScopeName = z
  .string()
  .trim()
  .min(1, "Enter a scope name.")
  .max(64, "Use at most 64 characters.")
  .regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, "Use printable characters without spaces, quotes or backslashes.");

export const ScopeInput = z.strictObject({
  name: ScopeName,
  description: z.string().trim().max(200, "Use at most 200 characters.").default(""),
});

const Seconds = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter the ${label} in seconds.` })
    .int(`Enter whole seconds.`)
    .min(min, `Use at least ${min} seconds.`)
    .max(max, `Use at most ${max} seconds.`);

/** The settings of a server, unrefined: the API's partial update validates against these. */
export const ServerFields = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters."),
  slug: Slug,
  resourceUrl: ResourceUrl,
  description: z.string().trim().max(500, "Use at most 500 characters.").default(""),
  scopes: z.array(ScopeInput).max(50, "Use at most 50 scopes.").default([]),
  accessTokenTtl: Seconds("access-token lifetime", 60, 86_400).default(600),
  refreshTokenTtl: Seconds("refresh-token lifetime", 3_600, 31_536_000).default(2_592_000),
  /** Open Dynamic Client Registration; left unchanged on update when absent. */
  dcrEnabled: z.boolean().optional(),
  /** Seconds in which a just-rotated refresh token still yields the same successor. */
  refreshGraceSeconds: Seconds("refresh grace window", 0, 300).default(30),
  /** Seconds resource servers may cache a Token Status List: how late they may see a revocation. */
  statusListTtl: Seconds("status list cache time", 1, 3_600).default(10),
  /** Dynamic Client Registration policy (lib/schemas/dcr-policy.ts). */
  ...DcrPolicyFields,
  /** Client ID Metadata Document policy (lib/schemas/cimd-policy.ts). */
  ...CimdPolicyFields,
});

export const ServerInput = ServerFields.superRefine((v, ctx) => {
  refineCimdPolicy(v, ctx);
  const seen = new Map<string, number>();
  v.scopes.forEach((s, i) => {
    if (seen.has(s.name))
      ctx.addIssue({ code: "custom", path: ["scopes", i, "name"], message: `“${s.name}” is listed twice.` });
    seen.set(s.name, i);
  });
});
export type ServerInput = z.infer<typeof ServerInput>;
export type ServerFormValues = z.input<typeof ServerInput>;

export const UpdateServerInput = z.object({ serverId: z.string().min(1) }).and(ServerInput);
export type UpdateServerInput = z.infer<typeof UpdateServerInput>;

/** Deleting a server is confirmed by typing its name, as in the dashboard. */
export const DeleteServerInput = z.object({ slug: z.string().min(1), confirmName: z.string() });
export type DeleteServerInput = z.infer<typeof DeleteServerInput>;

/** Form fields → ServerInput's shape: scope rows arrive as parallel scopeName/scopeDescription lists. */
export function serverFormToInput(values: Record<string, string | string[]>): Record<string, unknown> {
  const list = (k: string) => {
    const v = values[k];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const names = list("scopeName");
  const descriptions = list("scopeDescription");
  const scopes = names
    .map((name, i) => ({ name, description: descriptions[i] ?? "" }))
    .filter((s) => s.name.trim() !== "" || s.description.trim() !== "");
  const { scopeName: _n, scopeDescription: _d, dcrEnabled, ...rest } = values;
  for (const k of DCR_FORM_KEYS) delete rest[k];
  for (const k of CIMD_FORM_KEYS) delete rest[k];
  // A checkbox: present ("on") when ticked, absent when not. The DCR fieldset sends dcrMode instead.
  const dcr = dcrFormToInput(values);
  return {
    ...rest,
    scopes,
    ...(dcr.dcrMode === undefined ? { dcrEnabled: dcrEnabled === "on" || dcrEnabled === "true" } : {}),
    ...dcr,
    ...cimdFormToInput(values),
  };
}
