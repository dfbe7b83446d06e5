import { DeleteClientInput } from "@/lib/schemas/clients";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { ValidationError } from "../errors";
import { withTx } from "../transaction";
import { clientSnapshot, toClientDto } from "./client-dto";
import { findClientOrThrow, findServerIdOrThrow } from "./find-client";

/**
 * Deletes a client, confirmed by its exact name. Rows that hang off the client (consents, tokens,
 * once they exist) go with it by cascade, so everything issued to it stops working.
 */
export async function deleteClient({
  ctx,
  serverSlug,
  input,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  input: { clientId: string; confirmName: string };
}): Promise<void> {
  requirePermission(ctx, "clients.delete");
  const { clientId, confirmName } = DeleteClientInput.parse(input);
  await withTx(ctx, async (tx) => {
    const server = await findServerIdOrThrow(tx, serverSlug);
    const client = toClientDto(await findClientOrThrow(tx, server.id, clientId));
    if (confirmName !== client.name) {
      const message = `Type the client's name, “${client.name}”, to confirm.`;
      throw new ValidationError(message, { confirmName: [message] });
    }
    await tx.oAuthClient.delete({ where: { id: client.id } });
    // A metadata-document client's fetched logo has no foreign key to cascade from.
    await tx.clientLogo.deleteMany({ where: { clientId: client.id } });
    await recordAudit(tx, ctx, {
      action: "client.deleted",
      target: { type: "client", id: client.id, label: client.name },
      serverId: server.id,
      details: { clientId: client.clientId, registration: client.registration, before: clientSnapshot(client) },
    });
  });
}
