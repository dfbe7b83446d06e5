// How long audit events are kept: a few fixed periods (the Settings form, the CLI and the API share
// them). "forever" is the default; a shorter period makes the daily sweep delete older events.
import { z } from "zod";

export const AUDIT_RETENTION_CHOICES = {
  forever: { days: null, label: "Forever" },
  "90": { days: 90, label: "90 days" },
  "180": { days: 180, label: "180 days" },
  "365": { days: 365, label: "1 year" },
  "730": { days: 730, label: "2 years" },
  "2555": { days: 2555, label: "7 years" },
} as const satisfies Record<string, { days: number | null; label: string }>;

export type AuditRetentionChoice = keyof typeof AUDIT_RETENTION_CHOICES;

export const AuditRetentionInput = z.object({
  auditRetention: z.enum(Object.keys(AUDIT_RETENTION_CHOICES) as [AuditRetentionChoice, ...AuditRetentionChoice[]], {
    error: "Choose one of the periods offered.",
  }),
});

/** The choice for a stored number of days (null: forever). */
export function retentionChoice(days: number | null): AuditRetentionChoice {
  return days === null ? "forever" : (String(days) as AuditRetentionChoice);
}
