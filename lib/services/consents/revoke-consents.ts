// Revoking consent: in one transaction with its audit events, the consent row goes, and with it
// (by cascade) every refresh-token family issued under it. Access tokens carry their family id, so
// introspection and the demo MCP server refuse them at once; MCP servers that verify JWTs locally
// stop accepting them within one access-token lifetime. The user's next authorization asks again.
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { newId } from "@/lib/ids";
import { countConsentChange } from "../activity/client-activity";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import { withTx } from "../transaction";

export interface RevokedConsent {
  id: string;
  userEmail: string;
  clientName: string;
}

/** Deletes the given consents (already authorised and scoped by the caller) and audits each. */
export async function deleteConsents(
  tx: Prisma.TransactionClient,
  ctx: ServiceContext,
  where: Prisma.ConsentWhereInput,
  reason: string,
): Promise<RevokedConsent[]> {
  const consents = await tx.consent.findMany({
    where,
    select: {
      id: true,
      serverId: true,
      clientId: true,
      scopes: true,
      user: { select: { id: true, email: true } },
      client: { select: { name: true, clientId: true } },
    },
  });
  if (consents.length === 0) return [];
  const correlationId = newId("request");
  await tx.consent.deleteMany({ where: { id: { in: consents.map((c) => c.id) } } });
  const perClient = new Map<string, number>();
  for (const c of consents) perClient.set(c.clientId, (perClient.get(c.clientId) ?? 0) + 1);
  for (const [clientId, n] of perClient) {
    await tx.oAuthClient.update({ where: { id: clientId }, data: { consentCount: { decrement: n } } });
    await countConsentChange(tx, clientId, "revoked", n);
  }
  for (const c of consents) {
    await recordAudit(tx, ctx, {
      action: "consent.revoked",
      target: { type: "consent", id: c.id, label: `${c.user.email} → ${c.client.name}` },
      serverId: c.serverId,
      details: {
        userId: c.user.id,
        userEmail: c.user.email,
        clientId: c.client.clientId,
        scopes: c.scopes,
        reason,
        correlationId,
      },
    });
  }
  return consents.map((c) => ({ id: c.id, userEmail: c.user.email, clientName: c.client.name }));
}

export function revokeConsentsWhere(
  ctx: ServiceContext,
  where: Prisma.ConsentWhereInput,
  reason: string,
): Promise<RevokedConsent[]> {
  return withTx(ctx, (tx) => deleteConsents(tx, ctx, where, reason));
}
