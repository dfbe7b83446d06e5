import type { Prisma } from "@/lib/db/generated/prisma/client";
import { flowFor, type ClientFlow, type RegistrationType } from "@/lib/schemas/clients";

/** A client as the dashboard and API see it: never a secret or its hash. */
export interface ClientDto {
  id: string;
  serverId: string;
  clientId: string;
  name: string;
  description: string;
  logoUri: string | null;
  clientUri: string | null;
  registration: RegistrationType;
  flow: ClientFlow;
  isConfidential: boolean;
  /** RFC 9449 §5.2: token requests must carry a DPoP proof. */
  dpopBoundAccessTokens: boolean;
  tokenEndpointAuthMethod: string;
  /** private_key_jwt (RFC 7523): where the client publishes its public keys, if it gave a URL. */
  jwksUri: string | null;
  /** private_key_jwt: a summary of the pasted public keys (never key material), null when none. */
  jwksKeys: ClientKeySummary[] | null;
  grantTypes: string[];
  redirectUris: string[];
  allowedScopes: string[];
  secretLast4: string | null;
  secretCreatedAt: string | null;
  previousSecretLast4: string | null;
  previousSecretExpiresAt: string | null;
  createdByLabel: string | null;
  consentCount: number;
  status: "active" | "disabled";
  /** DCR clients may wait for an admin's approval ("PENDING") before anyone can authorize them. */
  approvalStatus: "APPROVED" | "PENDING";
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  disabledAt: string | null;
}

export interface ClientKeySummary {
  kid: string | null;
  kty: string;
  alg: string | null;
}

export const clientDtoSelect = {
  id: true,
  serverId: true,
  clientId: true,
  name: true,
  description: true,
  logoUri: true,
  clientUri: true,
  registration: true,
  isConfidential: true,
  dpopBoundAccessTokens: true,
  tokenEndpointAuthMethod: true,
  jwks: true,
  jwksUri: true,
  grantTypes: true,
  redirectUris: true,
  allowedScopes: true,
  secretLast4: true,
  secretCreatedAt: true,
  previousSecretLast4: true,
  previousSecretExpiresAt: true,
  createdByLabel: true,
  consentCount: true,
  createdAt: true,
  updatedAt: true,
  lastUsedAt: true,
  disabledAt: true,
  approvalStatus: true,
} satisfies Prisma.OAuthClientSelect;

type ClientRow = Prisma.OAuthClientGetPayload<{ select: typeof clientDtoSelect }>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The kid/kty/alg of each key in a stored JWKS (public keys only are ever stored). */
function keySummaries(jwks: Prisma.JsonValue): ClientKeySummary[] | null {
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) return null;
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return keys.map((k: Record<string, unknown>) => ({ kid: text(k.kid), kty: text(k.kty) ?? "?", alg: text(k.alg) }));
}

export function toClientDto(c: ClientRow, now = new Date()): ClientDto {
  const graceOver = !c.previousSecretExpiresAt || c.previousSecretExpiresAt <= now;
  const { jwks, ...rest } = c;
  return {
    ...rest,
    jwksKeys: keySummaries(jwks),
    flow: c.grantTypes.includes("client_credentials") ? "client_credentials" : flowFor(c.redirectUris),
    secretCreatedAt: iso(c.secretCreatedAt),
    previousSecretLast4: graceOver ? null : c.previousSecretLast4,
    previousSecretExpiresAt: graceOver ? null : iso(c.previousSecretExpiresAt),
    status: c.disabledAt ? "disabled" : "active",
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    lastUsedAt: iso(c.lastUsedAt),
    disabledAt: iso(c.disabledAt),
  };
}

/** What the audit log keeps of a client's settings (no secrets, no hashes). */
export function clientSnapshot(c: ClientDto) {
  return {
    name: c.name,
    description: c.description,
    redirectUris: c.redirectUris,
    allowedScopes: c.allowedScopes,
    grantTypes: c.grantTypes,
    tokenEndpointAuthMethod: c.tokenEndpointAuthMethod,
    isConfidential: c.isConfidential,
    dpopBoundAccessTokens: c.dpopBoundAccessTokens,
  };
}
