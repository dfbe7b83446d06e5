import { ClientIdInput } from "@/lib/schemas/clients";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { withTx } from "../transaction";
import { forgetOAuthClient } from "../oauth/oauth-client";
import { toClientDto, type ClientDto } from "./client-dto";
import { findClientOrThrow, findServerIdOrThrow } from "./find-client";

/**
 * Approves a DCR client that waits for an admin (the server's policy asks for approval): from now
 * on users can authorize it. Rejecting one is deleting it (deleteClients). Approving an approved
 * client changes nothing and records nothing.
 */
export async function approveClient({
  ctx,
  serverSlug,
  input,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  input: { clientId: string };
}): Promise<ClientDto> {
  requirePermission(ctx, "clients.write");
  const { clientId } = ClientIdInput.parse(input);
  const client = await withTx(ctx, async (tx) => {
    const server = await findServerIdOrThrow(tx, serverSlug);
    const current = await findClientOrThrow(tx, server.id, clientId);
    if (current.approvalStatus === "APPROVED") return toClientDto(current);
    const done = await tx.oAuthClient.updateMany({
      where: { id: current.id, approvalStatus: "PENDING" },
      data: { approvalStatus: "APPROVED" },
    });
    const updated = toClientDto(await findClientOrThrow(tx, server.id, current.id));
    if (done.count === 1) {
      await recordAudit(tx, ctx, {
        action: "client.approved",
        target: { type: "client", id: updated.id, label: updated.name },
        serverId: server.id,
        details: { clientId: updated.clientId, registration: updated.registration, redirectUris: updated.redirectUris },
      });
    }
    return updated;
  });
  forgetOAuthClient(client.serverId, client.clientId);
  return client;
}
