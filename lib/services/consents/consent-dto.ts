import type { Prisma } from "@/lib/db/generated/prisma/client";

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

export function toConsentDto(c: ConsentRow, liveRefreshTokens: number): ConsentDto {
  const describe = new Map(c.server.scopes.map((s) => [s.name, s.description]));
  return {
    id: c.id,
    user: { id: c.user.id, email: c.user.email, name: c.user.name, disabled: c.user.disabledAt !== null },
    client: c.client,
    server: {
      slug: c.server.slug,
      name: c.server.name,
      accessTokenTtl: c.server.accessTokenTtl,
      statusListTtl: c.server.statusListTtl,
    },
    scopes: c.scopes.map((name) => ({ name, description: describe.get(name) ?? "" })),
    grantedAt: c.grantedAt.toISOString(),
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
    liveRefreshTokens,
    grantedBy: c.grantedByProvider ? { providerId: c.grantedByProvider.id, label: c.grantedByProvider.label } : null,
  };
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
