import { ClientIdInput } from "@/lib/schemas/clients";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { withTx } from "../transaction";
import { clientDtoSelect, toClientDto, type ClientDto } from "./client-dto";
import { findClientOrThrow, findServerIdOrThrow } from "./find-client";

/** A disabled client cannot authenticate or get tokens; enabling it restores that. */
export async function setClientDisabled({
  ctx,
  serverSlug,
  input,
  disabled,
}: {
  ctx: ServiceContext;
  serverSlug: string;
  input: { clientId: string };
  disabled: boolean;
}): Promise<ClientDto> {
  requirePermission(ctx, "clients.disable");
  const { clientId } = ClientIdInput.parse(input);
  return withTx(ctx, async (tx) => {
    const server = await findServerIdOrThrow(tx, serverSlug);
    const current = await findClientOrThrow(tx, server.id, clientId);
    if (Boolean(current.disabledAt) === disabled) return toClientDto(current);
    const row = await tx.oAuthClient.update({
      where: { id: current.id },
      data: { disabledAt: disabled ? new Date() : null },
      select: clientDtoSelect,
    });
    const client = toClientDto(row);
    await recordAudit(tx, ctx, {
      action: disabled ? "client.disabled" : "client.enabled",
      target: { type: "client", id: client.id, label: client.name },
      serverId: server.id,
      details: { clientId: client.clientId },
    });
    return client;
  });
}
