// The Dynamic Client Registration policy of an MCP server, as the Settings form, the admin API and
// the services see it. Client-safe. The keys are part of ServerInput; absent keys leave the stored
// value unchanged on update (and take the defaults on create).
import { z } from "zod";
import { DCR_PRESETS, DCR_REDIRECT_PRESETS, parseDcrCustomEntry, type DcrRedirectPreset } from "@/lib/oauth/dcr-policy";
import { asArray } from "./form";

export const DCR_MODES = ["OPEN", "TOKEN", "OFF"] as const;
export type DcrMode = (typeof DCR_MODES)[number];

export const DCR_MODE_LABELS: Record<DcrMode, string> = {
  OPEN: "Open",
  TOKEN: "Initial access token required",
  OFF: "Off",
};

export const DCR_MODE_DESCRIPTIONS: Record<DcrMode, string> = {
  OPEN: "Any MCP client (Claude, ChatGPT, VS Code, Cursor…) can register itself. Its consent screen says it is unverified.",
  TOKEN:
    "A client must send an initial access token you created below (Authorization: Bearer …) to register; without a valid one it gets 401.",
  OFF: "The registration endpoint answers 404 and is not advertised in the metadata.",
};

export const DCR_DEFAULTS = {
  dcrRateLimitPerHour: 20,
  dcrPruneUnusedDays: 7,
  dcrPruneIdleDays: 90,
} as const;

export { DCR_PRESETS, DCR_REDIRECT_PRESETS, type DcrRedirectPreset };

/** A whole number from a form string or a JSON number; "" and junk get a message, not a 0. */
const WholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" || !/^\d+$/.test(v.trim()) ? Number.NaN : Number(v.trim())) : v),
    z
      .number({ error: `Enter the ${label} as a whole number.` })
      .int(`Enter the ${label} as a whole number.`)
      .min(min, `Use at least ${min}.`)
      .max(max, `Use at most ${max.toLocaleString("en-US")}.`),
  );

/** Custom allowlist entries, one error per bad row ("dcrRedirectCustom.2"); hosts are lower-cased. */
export const DcrRedirectCustom = z
  .array(z.string().max(2000, "Use at most 2,000 characters."))
  .max(50, "List at most 50 custom entries.")
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((entry, i) => {
      const r = parseDcrCustomEntry(entry);
      if (!r.ok) ctx.addIssue({ code: "custom", path: [i], message: `“${entry.trim()}”: ${r.reason}` });
      else if (seen.has(r.normalized))
        ctx.addIssue({ code: "custom", path: [i], message: `“${entry.trim()}” is listed twice.` });
      else seen.add(r.normalized);
    });
  })
  .transform((entries) =>
    entries.map((e) => {
      const r = parseDcrCustomEntry(e);
      return r.ok ? r.normalized : e.trim();
    }),
  );

export const DcrPolicyFields = {
  /** OPEN, TOKEN (initial access token required) or OFF. Wins over dcrEnabled when both are sent. */
  dcrMode: z.enum(DCR_MODES, { error: "Choose open, initial access token required, or off." }).optional(),
  dcrRedirectPresets: z
    .array(z.enum(DCR_REDIRECT_PRESETS, { error: `Presets are ${DCR_REDIRECT_PRESETS.join(", ")}.` }))
    .max(DCR_REDIRECT_PRESETS.length)
    .transform((p) => [...new Set(p)])
    .optional(),
  dcrRedirectCustom: DcrRedirectCustom.optional(),
  /** Registrations per client IP an hour; 0 turns the limit off. */
  dcrRateLimitPerHour: WholeNumber("registrations per hour", 0, 100_000).optional(),
  /** null (or "" in the form): no cap. */
  dcrMaxClients: z
    .preprocess(
      (v) => (v === "" ? null : v),
      z.union([z.null(), WholeNumber("maximum number of DCR clients", 1, 1_000_000)]),
    )
    .optional(),
  dcrRequireApproval: z.boolean().optional(),
  /** Days; 0 = never prune for this reason. */
  dcrPruneUnusedDays: WholeNumber("days a new DCR client may stay unused", 0, 3650).optional(),
  dcrPruneIdleDays: WholeNumber("days a DCR client may stay idle", 0, 3650).optional(),
};

/**
 * The Settings form's DCR fieldset → DcrPolicyFields' shape. The fieldset sends a `dcrPolicy`
 * marker, so unticked presets and the approval checkbox mean "none" and "off", not "unchanged".
 */
export function dcrFormToInput(values: Record<string, string | string[]>): Record<string, unknown> {
  if (values.dcrPolicy === undefined) return {};
  const one = (k: string) => {
    const v = values[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const custom = (one("dcrRedirectCustom") ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  return {
    ...(one("dcrMode") !== undefined ? { dcrMode: one("dcrMode") } : {}),
    dcrRedirectPresets: asArray(values.dcrRedirectPreset),
    dcrRedirectCustom: custom,
    dcrRateLimitPerHour: one("dcrRateLimitPerHour") ?? "",
    dcrMaxClients: one("dcrMaxClients") ?? "",
    dcrRequireApproval: one("dcrRequireApproval") === "on" || one("dcrRequireApproval") === "true",
    dcrPruneUnusedDays: one("dcrPruneUnusedDays") ?? "",
    dcrPruneIdleDays: one("dcrPruneIdleDays") ?? "",
  };
}

/** Keys the DCR fieldset owns: serverFormToInput leaves them to dcrFormToInput. */
export const DCR_FORM_KEYS = [
  "dcrPolicy",
  "dcrMode",
  "dcrRedirectPreset",
  "dcrRedirectCustom",
  "dcrRateLimitPerHour",
  "dcrMaxClients",
  "dcrRequireApproval",
  "dcrPruneUnusedDays",
  "dcrPruneIdleDays",
] as const;

/** The stored mode and master switch after an update: dcrMode wins; dcrEnabled alone maps onto it. */
export function resolveDcrMode(
  input: { dcrMode?: DcrMode | undefined; dcrEnabled?: boolean | undefined },
  current?: { dcrMode: DcrMode; dcrEnabled: boolean },
): { dcrMode: DcrMode; dcrEnabled: boolean } | undefined {
  if (input.dcrMode) return { dcrMode: input.dcrMode, dcrEnabled: input.dcrMode !== "OFF" };
  if (input.dcrEnabled === true)
    return { dcrMode: current && current.dcrMode !== "OFF" ? current.dcrMode : "OPEN", dcrEnabled: true };
  if (input.dcrEnabled === false) return { dcrMode: "OFF", dcrEnabled: false };
  return current ? undefined : { dcrMode: "OFF", dcrEnabled: false };
}

// Initial access tokens: created on the server's settings, shown once.
export const INITIAL_ACCESS_TOKEN_EXPIRIES = {
  "1d": 86_400,
  "7d": 604_800,
  "30d": 2_592_000,
  "90d": 7_776_000,
  "365d": 31_536_000,
} as const;
export type InitialAccessTokenExpiry = keyof typeof INITIAL_ACCESS_TOKEN_EXPIRIES;
export const INITIAL_ACCESS_TOKEN_EXPIRY_LABELS: Record<InitialAccessTokenExpiry, string> = {
  "1d": "1 day",
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
  "365d": "1 year",
};

export const CreateInitialAccessTokenInput = z.object({
  name: z.string().trim().min(1, "Enter a name, e.g. who the token is for.").max(100, "Use at most 100 characters."),
  expiresIn: z
    .enum(Object.keys(INITIAL_ACCESS_TOKEN_EXPIRIES) as [InitialAccessTokenExpiry, ...InitialAccessTokenExpiry[]], {
      error: "Choose when the token expires.",
    })
    .default("7d"),
  maxUses: WholeNumber("maximum number of registrations", 1, 100_000).default(1),
});
export type CreateInitialAccessTokenInput = z.input<typeof CreateInitialAccessTokenInput>;

export const RevokeInitialAccessTokenInput = z.object({ tokenId: z.string().min(1) });
