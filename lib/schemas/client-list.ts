// The Clients list's vocabulary and URL state, without zod: the list page's browser bundle imports
// these, and zod would add ~100 kB to it. The zod schema that parses the URL is in ./clients.ts.
export const REGISTRATION_TYPES = ["MANUAL", "DYNAMIC", "METADATA_DOCUMENT"] as const;
export type RegistrationType = (typeof REGISTRATION_TYPES)[number];
export const REGISTRATION_LABELS: Record<RegistrationType, string> = {
  MANUAL: "Pre-registered",
  DYNAMIC: "DCR",
  METADATA_DOCUMENT: "CIMD",
};

export const CLIENT_FLOWS = ["client_credentials", "authorization_code"] as const;
export type ClientFlow = (typeof CLIENT_FLOWS)[number];
export const FLOW_LABELS: Record<ClientFlow, string> = {
  client_credentials: "Client credentials",
  authorization_code: "Authorization code",
};

/** How long the previous secret keeps working after a rotation. */
export const SECRET_GRACE_PERIODS = { none: 0, "1h": 3_600, "24h": 86_400, "7d": 604_800 } as const;
export type SecretGracePeriod = keyof typeof SECRET_GRACE_PERIODS;
export const SECRET_GRACE_LABELS: Record<SecretGracePeriod, string> = {
  none: "Revoke the old secret immediately",
  "1h": "Keep the old secret working for 1 hour",
  "24h": "Keep the old secret working for 24 hours",
  "7d": "Keep the old secret working for 7 days",
};

/** The Type filter: a registration type, or "DCR · never used" (the clients pruning would remove). */
export const CLIENT_TYPE_FILTERS = [...REGISTRATION_TYPES, "dcr_unused"] as const;
export type ClientTypeFilter = (typeof CLIENT_TYPE_FILTERS)[number];
export const CLIENT_TYPE_FILTER_LABELS: Record<ClientTypeFilter, string> = {
  ...REGISTRATION_LABELS,
  dcr_unused: "DCR · never used",
};

export const CLIENT_STATUS_FILTERS = ["active", "disabled", "pending"] as const;
export type ClientStatusFilter = (typeof CLIENT_STATUS_FILTERS)[number];
export const CLIENT_STATUS_FILTER_LABELS: Record<ClientStatusFilter, string> = {
  active: "Active",
  disabled: "Disabled",
  pending: "Pending approval",
};

export const CLIENT_SORTS = ["created", "last_used", "name"] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

/** The Clients list's state, as it lives in the URL (parsed by ClientListFilter in ./clients.ts). */
export interface ClientListFilter {
  q?: string | undefined;
  type?: ClientTypeFilter | undefined;
  flow?: ClientFlow | undefined;
  status?: ClientStatusFilter | undefined;
  sort: ClientSort;
  cursor?: string | undefined;
}

export function clientFilterToSearchParams(f: Partial<ClientListFilter>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v && !(k === "sort" && v === "created")) p.set(k, String(v));
  return p;
}
