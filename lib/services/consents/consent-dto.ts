import type { Prisma } from "@/lib/db/generated/prisma/client";
import type { ConsentPageRow } from "./consent-page-sql";

/** One user's consent to one client, as the dashboard and the user's own apps page show it. */
export interface ConsentDto {
  id: string;
  user: { id: string; email: string; name: string | null; disabled: boolean };
  client: { id: string; clientId: string; name: string; logoUri: string | null; registration: string };
  server: { slug: string; name: string; accessTokenTtl: number; statusListTtl: number };
  scopes: { name: string; description: string }[];
  grantedAt: string;
  lastUsedAt: string | null;
  /** Refresh-token families still able to mint tokens. */
  liveRefreshTokens: number;
  /** Granted by an identity provider's policy (an ID-JAG), not on the consent screen. */
  grantedBy: { providerId: string; label: string } | null;
}

export const consentInclude = {
  user: { select: { id: true, email: true, name: true, disabledAt: true } },
  client: { select: { id: true, clientId: true, name: true, logoUri: true, registration: true } },
  server: {
    select: {
      slug: true,
      name: true,
      accessTokenTtl: true,
      statusListTtl: true,
      scopes: { select: { name: true, description: true } },
    },
  },
  grantedByProvider: { select: { id: true, label: true } },
} satisfies Prisma.ConsentInclude;

type ConsentRow = Prisma.ConsentGetPayload<{ include: typeof consentInclude }>;
/** The server's part of a consent: an included row, or the protocol endpoints' OAuthServer. */
type ConsentServer = ConsentRow["server"];
type ConsentClient = ConsentRow["client"];

export function toConsentDto(c: ConsentRow, liveRefreshTokens: number): ConsentDto {
  return {
    id: c.id,
    user: { id: c.user.id, email: c.user.email, name: c.user.name, disabled: c.user.disabledAt !== null },
    client: clientPart(c.client),
    server: serverPart(c.server),
    scopes: describedScopes(c.scopes, c.server),
    grantedAt: c.grantedAt.toISOString(),
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
    liveRefreshTokens,
    grantedBy: c.grantedByProvider ? { providerId: c.grantedByProvider.id, label: c.grantedByProvider.label } : null,
  };
}

/** The same DTO from a row of the Consents tab's one-statement page (consent-page-sql.ts). */
export function consentDtoOfRow(row: ConsentPageRow, client: ConsentClient, server: ConsentServer): ConsentDto {
  return {
    id: row.id,
    user: { id: row.user_id, email: row.user_email, name: row.user_name, disabled: row.user_disabled },
    client: clientPart(client),
    server: serverPart(server),
    scopes: describedScopes(row.scopes, server),
    grantedAt: row.granted_at,
    lastUsedAt: row.last_used_at,
    liveRefreshTokens: row.live_refresh_tokens,
    grantedBy:
      row.provider_id !== null && row.provider_label !== null
        ? { providerId: row.provider_id, label: row.provider_label }
        : null,
  };
}

const clientPart = (c: ConsentClient): ConsentDto["client"] => ({
  id: c.id,
  clientId: c.clientId,
  name: c.name,
  logoUri: c.logoUri,
  registration: c.registration,
});

const serverPart = (s: ConsentServer): ConsentDto["server"] => ({
  slug: s.slug,
  name: s.name,
  accessTokenTtl: s.accessTokenTtl,
  statusListTtl: s.statusListTtl,
});

function describedScopes(names: string[], server: ConsentServer): ConsentDto["scopes"] {
  const describe = new Map(server.scopes.map((s) => [s.name, s.description]));
  return names.map((name) => ({ name, description: describe.get(name) ?? "" }));
}

/** Live refresh families per consent, for one page of consents (one grouped query, not N). */
export async function liveFamilyCounts(
  db: Prisma.TransactionClient | { refreshFamily: Prisma.TransactionClient["refreshFamily"] },
  consentIds: string[],
  now = new Date(),
): Promise<Map<string, number>> {
  if (consentIds.length === 0) return new Map();
  const rows = await db.refreshFamily.groupBy({
    by: ["consentId"],
    where: { consentId: { in: consentIds }, revokedAt: null, expiresAt: { gt: now } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.consentId, r._count._all]));
}
