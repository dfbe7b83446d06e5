// The audit log's vocabulary and URL state, without zod: the audit page's browser bundle imports
// these. The zod schema that parses the URL is in ./audit.ts.
// The audit vocabulary: "<entity>.<past_verb>".
export const AUDIT_ACTIONS = [
  "setup.completed",
  "user.signed_in",
  "user.sign_in_failed",
  "user.created",
  "user.password_changed",
  "user.password_reset",
  "user.invited",
  "user.invite_accepted",
  "member.added",
  "member.role_changed",
  "member.removed",
  "server.created",
  "server.updated",
  "server.deleted",
  "client.created",
  "client.updated",
  "client.secret_rotated",
  "client.previous_secret_revoked",
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
  "webhook.updated",
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
  "audit.pruned",
  "user.deprovisioned",
  "user.reactivated",
  "scim_token.created",
  "scim_token.revoked",
  "scim_user.created",
  "scim_user.updated",
  "scim_user.deleted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The audit list's state, as it lives in the URL (parsed by AuditFilter in ./audit.ts). */
export interface AuditFilter {
  action?: AuditAction | undefined;
  actor?: string | undefined;
  server?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
}

/**
 * A From date after the To date matches nothing by construction: the filters say so next to the
 * dates and the API answers 422, rather than showing an empty list as if nothing had happened.
 */
export function invertedDateRangeError(f: Pick<AuditFilter, "from" | "to">): string | null {
  if (!f.from || !f.to || f.from <= f.to) return null;
  return `The From date (${f.from}) is after the To date (${f.to}): pick a From date on or before the To date.`;
}

export function auditFilterToSearchParams(f: AuditFilter): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, String(v));
  return p;
}
