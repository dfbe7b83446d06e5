import { z } from "zod";
import { checkRedirectUri } from "@/lib/oauth/redirect-uri";
import { asArray } from "./form";
import {
  CLIENT_FLOWS,
  CLIENT_SORTS,
  CLIENT_STATUS_FILTERS,
  CLIENT_TYPE_FILTERS,
  type ClientFlow,
  type ClientListFilter as ClientListFilterValue,
  SECRET_GRACE_PERIODS,
  type SecretGracePeriod,
} from "./client-list";

// The vocabulary lives in a zod-free module the browser bundles import; re-exported for the server.
export * from "./client-list";
export type ClientListFilter = ClientListFilterValue;

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
  /**
   * Confidential clients: a generated secret, or private_key_jwt (RFC 7523) with the client's
   * public keys as a JWKS (object or pasted JSON text) or a jwks_uri.
   */
  authMethod: z.enum(["client_secret", "private_key_jwt"]).default("client_secret"),
  jwks: z.union([z.string().max(65_536), z.record(z.string(), z.unknown())]).optional(),
  jwksUri: z.string().max(2048).optional(),
  /** RFC 9449 §5.2 dpop_bound_access_tokens: token requests without a DPoP proof are refused. */
  dpopBoundAccessTokens: z.boolean().default(false),
});
export type CreateClientInput = z.input<typeof CreateClientInput>;

export const UpdateClientInput = z.object({
  clientId: z.string().min(1),
  name: ClientName,
  description: ClientDescription,
  redirectUris: RedirectUris.default([]),
  allowedScopes: Scopes,
  /** private_key_jwt clients: replace the registered keys (a JWKS, or a jwks_uri; not both). Omitted: unchanged. */
  jwks: z.union([z.string().max(65_536), z.record(z.string(), z.unknown())]).optional(),
  jwksUri: z.string().max(2048).optional(),
  /** RFC 9449 §5.2; left unchanged when absent. */
  dpopBoundAccessTokens: z.boolean().optional(),
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
  const { redirectUri, allowedScope, isPublic, dpopBoundAccessTokens, ...rest } = values;
  return {
    ...rest,
    redirectUris: asArray(redirectUri)
      .map((u) => u.trim())
      .filter((u) => u !== ""),
    allowedScopes: asArray(allowedScope),
    isPublic: isPublic === "on" || isPublic === "true",
    dpopBoundAccessTokens: dpopBoundAccessTokens === "on" || dpopBoundAccessTokens === "true",
  };
}

/** The Clients list's state, as it lives in the URL. Bad values fall back to the default. */
export const ClientListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  type: z.enum(CLIENT_TYPE_FILTERS).optional().catch(undefined),
  flow: z.enum(CLIENT_FLOWS).optional().catch(undefined),
  status: z.enum(CLIENT_STATUS_FILTERS).optional().catch(undefined),
  sort: z.enum(CLIENT_SORTS).default("created").catch("created"),
  cursor: z.string().max(300).optional().catch(undefined),
});
export const ClientListFilter: z.ZodType<ClientListFilterValue, unknown> = ClientListQuery;
