import { z } from "zod";
import { checkRedirectUri } from "@/lib/oauth/redirect-uri";
import { asArray } from "./form";

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

export const ClientName = z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");
export const ClientDescription = z.string().trim().max(500, "Use at most 500 characters.").default("");

/** Redirect URIs with an error on each bad row ("redirectUris.2") and on duplicates. */
export const RedirectUris = z
  .array(z.string())
  .max(20, "Register at most 20 redirect URIs.")
  .superRefine((uris, ctx) => {
    const seen = new Set<string>();
    uris.forEach((uri, i) => {
      const check = checkRedirectUri(uri);
      if (!check.ok) ctx.addIssue({ code: "custom", path: [i], message: check.reason });
      else if (seen.has(uri)) ctx.addIssue({ code: "custom", path: [i], message: "This URI is listed twice." });
      seen.add(uri);
    });
  });

const Scopes = z.array(z.string().min(1)).max(50).default([]);

export const CreateClientInput = z.object({
  name: ClientName,
  description: ClientDescription,
  redirectUris: RedirectUris.default([]),
  allowedScopes: Scopes,
  /** Authorization-code clients only: a public client (PKCE, no secret) for native and browser apps. */
  isPublic: z.boolean().default(false),
});
export type CreateClientInput = z.input<typeof CreateClientInput>;

export const UpdateClientInput = z.object({
  clientId: z.string().min(1),
  name: ClientName,
  description: ClientDescription,
  redirectUris: RedirectUris.default([]),
  allowedScopes: Scopes,
});
export type UpdateClientInput = z.input<typeof UpdateClientInput>;

export const RotateClientSecretInput = z.object({
  clientId: z.string().min(1),
  gracePeriod: z.enum(Object.keys(SECRET_GRACE_PERIODS) as [SecretGracePeriod, ...SecretGracePeriod[]]).default("none"),
});
export type RotateClientSecretInput = z.input<typeof RotateClientSecretInput>;

export const ClientIdInput = z.object({ clientId: z.string().min(1) });

export const DeleteClientInput = z.object({ clientId: z.string().min(1), confirmName: z.string() });

/** "Delete selected" on the Clients list (a page holds at most 25; the cap leaves room for the API). */
export const DeleteClientsInput = z.object({
  clientIds: z
    .array(z.string().min(1))
    .min(1, "Select at least one client.")
    .max(100, "Delete at most 100 clients at once."),
});
export type DeleteClientsInput = z.input<typeof DeleteClientsInput>;

/** The flow a client will use, and why: said live on the create form. */
export function flowFor(redirectUris: readonly string[]): ClientFlow {
  return redirectUris.length === 0 ? "client_credentials" : "authorization_code";
}

/** Form fields → the schemas' shape: repeated redirectUri/allowedScope inputs, an isPublic checkbox. */
export function clientFormToInput(values: Record<string, string | string[]>): Record<string, unknown> {
  const { redirectUri, allowedScope, isPublic, ...rest } = values;
  return {
    ...rest,
    redirectUris: asArray(redirectUri)
      .map((u) => u.trim())
      .filter((u) => u !== ""),
    allowedScopes: asArray(allowedScope),
    isPublic: isPublic === "on" || isPublic === "true",
  };
}

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

/** The Clients list's state, as it lives in the URL. Bad values fall back to the default. */
export const ClientListFilter = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  type: z.enum(CLIENT_TYPE_FILTERS).optional().catch(undefined),
  flow: z.enum(CLIENT_FLOWS).optional().catch(undefined),
  status: z.enum(CLIENT_STATUS_FILTERS).optional().catch(undefined),
  sort: z.enum(CLIENT_SORTS).default("created").catch("created"),
  cursor: z.string().max(300).optional().catch(undefined),
});
export type ClientListFilter = z.infer<typeof ClientListFilter>;

export function clientFilterToSearchParams(f: Partial<ClientListFilter>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v && !(k === "sort" && v === "created")) p.set(k, String(v));
  return p;
}
