// The MCP server Settings page saves in sections (issue 11 #12): each section's form sends only its
// own fields, and only those change; the rest of the server keeps its stored values.
import { z } from "zod";
import { CimdPolicyFields } from "./cimd-policy";
import { DcrPolicyFields } from "./dcr-policy";
import { serverFormToInput } from "./servers";

export const SERVER_SECTIONS = {
  general: { title: "General", keys: ["name", "slug", "resourceUrl", "description"] },
  tokens: { title: "Tokens", keys: ["accessTokenTtl", "refreshTokenTtl", "refreshGraceSeconds", "statusListTtl"] },
  scopes: { title: "Scopes", keys: ["scopes"] },
  registration: { title: "Registration", keys: ["dcrEnabled", ...Object.keys(DcrPolicyFields)] },
  metadata: { title: "Metadata documents", keys: Object.keys(CimdPolicyFields) },
} as const satisfies Record<string, { title: string; keys: readonly string[] }>;

export type ServerSection = keyof typeof SERVER_SECTIONS;
export const ServerSectionName = z.enum(Object.keys(SERVER_SECTIONS) as [ServerSection, ...ServerSection[]]);

export const ServerSectionInput = z.object({
  /** The server's slug before this save (the General section may change it). */
  currentSlug: z.string().min(1),
  section: ServerSectionName,
  changes: z.record(z.string(), z.unknown()),
});
export type ServerSectionInput = z.infer<typeof ServerSectionInput>;

/** A section form's fields → { currentSlug, section, changes } with only that section's settings. */
export function serverSectionFormToInput(values: Record<string, string | string[]>): Record<string, unknown> {
  const one = (k: string) => (Array.isArray(values[k]) ? values[k][0] : values[k]);
  const section = one("section");
  const all = serverFormToInput(values);
  const keys: readonly string[] = SERVER_SECTIONS[section as ServerSection]?.keys ?? [];
  const changes = Object.fromEntries(Object.entries(all).filter(([k]) => keys.includes(k)));
  return { currentSlug: one("currentSlug"), section, changes };
}
