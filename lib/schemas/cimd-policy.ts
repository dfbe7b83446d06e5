// The Client ID Metadata Document policy of an MCP server (checklist §4, CIMD-19), as the Settings
// form, the admin API and the services see it. Client-safe. The keys are part of ServerInput;
// absent keys leave the stored value unchanged on update (and take the defaults on create).
import { z } from "zod";

export const CIMD_TRUST_MODES = ["ANY", "ALLOWLIST", "DENYLIST"] as const;
export type CimdTrustMode = (typeof CIMD_TRUST_MODES)[number];

export const CIMD_TRUST_LABELS: Record<CimdTrustMode, string> = {
  ANY: "Any host",
  ALLOWLIST: "Only the hosts listed",
  DENYLIST: "Any host except those listed",
};

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Exact host names (no scheme, port, path or wildcard), lower-cased, one error per bad row ("cimdHosts.2"). */
export const CimdHosts = z
  .array(z.string().max(253, "Use at most 253 characters."))
  .max(100, "List at most 100 hosts.")
  .transform((hosts) => hosts.map((h) => h.trim().toLowerCase().replace(/\.$/, "")).filter((h) => h !== ""))
  .superRefine((hosts, ctx) => {
    const seen = new Set<string>();
    hosts.forEach((h, i) => {
      if (!HOST_NAME.test(h)) {
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `“${h}” is not a host name. Enter only the host, like app.example.com: no https://, port, path or wildcard.`,
        });
      } else if (seen.has(h)) {
        ctx.addIssue({ code: "custom", path: [i], message: `“${h}” is listed twice.` });
      }
      seen.add(h);
    });
  });

export const CimdPolicyFields = {
  /** Accept URL client_ids (metadata documents) and advertise client_id_metadata_document_supported. */
  cimdEnabled: z.boolean().optional(),
  cimdTrust: z.enum(CIMD_TRUST_MODES, { error: "Choose any host, an allowlist or a denylist." }).optional(),
  cimdHosts: CimdHosts.optional(),
};

/** ServerInput's cross-field rule: an allowlist with no host would refuse every document. */
export function refineCimdPolicy(
  v: { cimdEnabled?: boolean | undefined; cimdTrust?: CimdTrustMode | undefined; cimdHosts?: string[] | undefined },
  ctx: z.RefinementCtx,
): void {
  if (v.cimdEnabled && v.cimdTrust === "ALLOWLIST" && v.cimdHosts !== undefined && v.cimdHosts.length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["cimdHosts"],
      message: "List at least one host, or allow any host: an empty allowlist accepts no metadata document.",
    });
  }
}

/**
 * The Settings form's CIMD fieldset → CimdPolicyFields' shape. The fieldset sends a `cimdPolicy`
 * marker, so an unticked checkbox means "off", not "unchanged". Hosts: one a line.
 */
export function cimdFormToInput(values: Record<string, string | string[]>): Record<string, unknown> {
  if (values.cimdPolicy === undefined) return {};
  const one = (k: string) => {
    const v = values[k];
    return Array.isArray(v) ? v[0] : v;
  };
  return {
    cimdEnabled: one("cimdEnabled") === "on" || one("cimdEnabled") === "true",
    cimdTrust: one("cimdTrust") ?? "ANY",
    cimdHosts: (one("cimdHosts") ?? "")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== ""),
  };
}

/** Keys the CIMD fieldset owns: serverFormToInput leaves them to cimdFormToInput. */
export const CIMD_FORM_KEYS = ["cimdPolicy", "cimdEnabled", "cimdTrust", "cimdHosts"] as const;
