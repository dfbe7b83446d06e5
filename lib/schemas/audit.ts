import { z } from "zod";

// The audit vocabulary: "<entity>.<past_verb>". Client-safe: the audit filter lists them.
export const AUDIT_ACTIONS = [
  "setup.completed",
  "user.signed_in",
  "user.sign_in_failed",
  "user.created",
  "user.password_changed",
  "member.added",
  "member.role_changed",
  "member.removed",
  "server.created",
  "server.updated",
  "server.deleted",
  "client.created",
  "client.updated",
  "client.secret_rotated",
  "client.disabled",
  "client.enabled",
  "client.deleted",
  "api_key.created",
  "api_key.revoked",
  "signing_key.rotated",
  "client.registered",
  "client.metadata_changed",
  "client.metadata_refreshed",
  "consent.granted",
  "consent.revoked",
  "refresh_token.reuse_detected",
  "authorization_code.replayed",
  "user.disabled",
  "user.enabled",
  "webhook.created",
  "webhook.deleted",
  "webhook.redelivered",
  "client.approved",
  "client.pruned",
  "initial_access_token.created",
  "initial_access_token.revoked",
  "identity_provider.created",
  "identity_provider.updated",
  "identity_provider.deleted",
  "identity.linked",
  "settings.updated",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const DateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31.")
  .optional()
  .catch(undefined);

/** The audit list's state, as it lives in the URL. Bad values fall back to "no filter". */
export const AuditFilter = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  actor: z.string().trim().max(200).optional().catch(undefined),
  server: z.string().trim().max(100).optional().catch(undefined),
  from: DateParam,
  to: DateParam,
  cursor: z.string().max(200).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export function auditFilterToSearchParams(f: AuditFilter): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, String(v));
  return p;
}
