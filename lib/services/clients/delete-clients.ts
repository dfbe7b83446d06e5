import { DeleteClientsInput } from "@/lib/schemas/clients";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { newId } from "@/lib/ids";
import { withTx } from "../transaction";
import { forgetOAuthClient } from "../oauth/oauth-client";
import { clientDtoSelect, clientSnapshot, toClientDto } from "./client-dto";
import { findServerIdOrThrow } from "./find-client";

/**
 * Deletes several clients of one server at once (the Clients list's "Delete selected", and
 * "Reject" for a client awaiting approval), confirmed in a dialog. Consents and tokens go with
 * each by cascade. One client.deleted event per client, sharing a correlation id. Ids that are not
 * this server's clients are ignored (never another server's), and say so in the result.
 */
export async function deleteClients({
  ctx,
  serverSlug,
  input,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  input: { clientIds: string[] };
}): Promise<{ deleted: number; notFound: number }> {
  requirePermission(ctx, "clients.delete");
  const { clientIds } = DeleteClientsInput.parse(input);
  const ids = [...new Set(clientIds)];
  const correlationId = newId("request");
  const rows = await withTx(ctx, async (tx) => {
    const server = await findServerIdOrThrow(tx, serverSlug);
    const found = await tx.oAuthClient.findMany({
      where: { serverId: server.id, id: { in: ids } },
      select: clientDtoSelect,
    });
    if (found.length === 0) return [];
    await tx.oAuthClient.deleteMany({ where: { serverId: server.id, id: { in: found.map((c) => c.id) } } });
    // A metadata-document client's fetched logo has no foreign key to cascade from.
    await tx.clientLogo.deleteMany({ where: { clientId: { in: found.map((c) => c.id) } } });
    for (const row of found) {
      const client = toClientDto(row);
      await recordAudit(tx, ctx, {
        action: "client.deleted",
        target: { type: "client", id: client.id, label: client.name },
        serverId: server.id,
        details: {
          clientId: client.clientId,
          registration: client.registration,
          before: clientSnapshot(client),
          bulk: { correlationId, count: found.length },
        },
      });
    }
    return found;
  });
  for (const r of rows) forgetOAuthClient(r.serverId, r.clientId);
  return { deleted: rows.length, notFound: ids.length - rows.length };
}
