// Stores or widens a person's consent to a client: from the consent screen (oauth/authorization.ts)
// or from an identity provider's policy (an ID-JAG, oauth/grants/id-jag.ts). Scopes only grow; the
// client's consent count and the activity chart follow.
import { newId } from "@/lib/ids";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { countConsentChange } from "../activity/client-activity";

export interface ConsentGrant {
  serverId: string;
  /** The client's row id. */
  clientId: string;
  userId: string;
  scopes: string[];
  /** Set when an identity provider's policy granted it (kept from the first grant). */
  grantedByProviderId?: string;
  /** The consent screen's explicit Allow restarts "granted at"; a silent re-use does not. */
  restartGrantedAt?: boolean;
}

export async function grantConsent(tx: Prisma.TransactionClient, grant: ConsentGrant) {
  const existing = await tx.consent.findUnique({
    where: { clientId_userId: { clientId: grant.clientId, userId: grant.userId } },
  });
  const scopes = [...new Set([...(existing?.scopes ?? []), ...grant.scopes])];
  const consent = existing
    ? await tx.consent.update({
        where: { id: existing.id },
        data: { scopes, ...(grant.restartGrantedAt ? { grantedAt: new Date() } : {}) },
      })
    : await tx.consent.create({
        data: {
          id: newId("consent"),
          serverId: grant.serverId,
          clientId: grant.clientId,
          userId: grant.userId,
          scopes,
          grantedByProviderId: grant.grantedByProviderId ?? null,
        },
      });
  if (!existing)
    await tx.oAuthClient.update({ where: { id: grant.clientId }, data: { consentCount: { increment: 1 } } });
  const changed = !existing || scopes.length > existing.scopes.length;
  if (changed) await countConsentChange(tx, grant.clientId, "granted");
  return { consent, previousScopes: existing?.scopes ?? null, changed };
}
