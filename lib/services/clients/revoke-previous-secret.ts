import { ClientIdInput } from "@/lib/schemas/clients";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { PreconditionFailedError } from "../errors";
import { withTx } from "../transaction";
import { clientDtoSelect, toClientDto, type ClientDto } from "./client-dto";
import { findClientOrThrow, findServerIdOrThrow } from "./find-client";

/**
 * Ends a rotation's grace period early: the previous secret stops working now (e.g. once every
 * deployment has the new one, or because the old one leaked). Without a previous secret still in
 * its window there is nothing to revoke, which is a 409 rather than a silent success.
 */
export async function revokePreviousClientSecret({
  ctx,
  serverSlug,
  input,
  now = new Date(),
}: {
  ctx: ServiceContext;
  serverSlug: string;
  input: { clientId: string };
  now?: Date;
}): Promise<ClientDto> {
  requirePermission(ctx, "clients.write");
  const { clientId } = ClientIdInput.parse(input);
  return withTx(ctx, async (tx) => {
    const server = await findServerIdOrThrow(tx, serverSlug);
    const current = await findClientOrThrow(tx, server.id, clientId);
    const stored = await tx.oAuthClient.findUniqueOrThrow({
      where: { id: current.id },
      select: { previousSecretHash: true, previousSecretLast4: true, previousSecretExpiresAt: true },
    });
    if (!stored.previousSecretHash || !stored.previousSecretExpiresAt || stored.previousSecretExpiresAt <= now)
      throw new PreconditionFailedError("This client has no previous secret still working: nothing to revoke.");
    const row = await tx.oAuthClient.update({
      where: { id: current.id },
      data: { previousSecretHash: null, previousSecretLast4: null, previousSecretExpiresAt: null },
      select: clientDtoSelect,
    });
    const client = toClientDto(row, now);
    await recordAudit(tx, ctx, {
      action: "client.previous_secret_revoked",
      target: { type: "client", id: client.id, label: client.name },
      serverId: server.id,
      details: {
        clientId: client.clientId,
        previousSecretLast4: stored.previousSecretLast4,
        wouldHaveWorkedUntil: stored.previousSecretExpiresAt.toISOString(),
      },
    });
    return client;
  });
}
