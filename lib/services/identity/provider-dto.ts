// What the dashboard sees of an identity provider: everything but the secret (only whether one is
// stored), plus the callback URL to copy into the IdP.
import type { Prisma } from "@/lib/db/generated/prisma/client";
import type { RoleMapping } from "@/lib/identity/claims";
import type { IdpTransport } from "@/lib/identity/oidc-client";
import type { PresetId } from "@/lib/identity/presets";
import type { Role } from "@/lib/auth/permissions";
import { env } from "@/lib/env";

export const providerSelect = {
  id: true,
  slug: true,
  preset: true,
  label: true,
  issuer: true,
  clientId: true,
  clientSecretSealed: true,
  scopes: true,
  allowedDomains: true,
  routeDomains: true,
  jitEnabled: true,
  requireEmailVerified: true,
  emailClaim: true,
  nameClaim: true,
  groupsClaim: true,
  roleMappings: true,
  serverIds: true,
  idJagServerIds: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.IdentityProviderSelect;

type ProviderRow = Prisma.IdentityProviderGetPayload<{ select: typeof providerSelect }>;

export interface IdentityProviderDto {
  id: string;
  slug: string;
  preset: PresetId;
  label: string;
  issuer: string;
  clientId: string;
  hasClientSecret: boolean;
  scopes: string[];
  allowedDomains: string[];
  routeDomains: boolean;
  jitEnabled: boolean;
  requireEmailVerified: boolean;
  emailClaim: string;
  nameClaim: string;
  groupsClaim: string | null;
  roleMappings: RoleMapping<Role>[];
  serverIds: string[];
  /** MCP servers that accept this provider's ID-JAG assertions (enterprise-managed authorization). */
  idJagServerIds: string[];
  enabled: boolean;
  /** The redirect URI to register at the IdP. */
  callbackUrl: string;
  createdAt: string;
  updatedAt: string;
}

/** GATEHOUSE_URL, never a request header (the Host is the client's to choose). */
export function identityCallbackUrl(slug: string): string {
  return `${env().GATEHOUSE_URL}/api/identity/${slug}/callback`;
}

export function idpTransport(): IdpTransport {
  return { allowHttpLoopback: env().GATEHOUSE_IDP_ALLOW_HTTP_LOOPBACK };
}

export function roleMappingsOf(value: Prisma.JsonValue): RoleMapping<Role>[] {
  return Array.isArray(value) ? (value as unknown as RoleMapping<Role>[]) : [];
}

export function toProviderDto(row: ProviderRow): IdentityProviderDto {
  const { clientSecretSealed, roleMappings, createdAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    preset: rest.preset as PresetId,
    hasClientSecret: clientSecretSealed !== null,
    roleMappings: roleMappingsOf(roleMappings),
    callbackUrl: identityCallbackUrl(row.slug),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}
