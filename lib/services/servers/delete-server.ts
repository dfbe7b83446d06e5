import { DeleteServerInput } from "@/lib/schemas/servers";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { NotFoundError, ValidationError } from "../errors";
import { forgetOAuthServer } from "../oauth/oauth-server";
import { countServerContents, type ServerFootprint } from "./server-footprint";
import { withTx } from "../transaction";

/** What a server delete took down: shown after the fact and kept in the audit event. */
export type DeletedServerCounts = ServerFootprint;

/**
 * Deletes an MCP server, confirmed by its exact name. Clients, consents, refresh-token families,
 * scopes and initial access tokens go by cascade, so every token issued for it stops working;
 * pending authorization requests and codes (no foreign key) and per-client rows without one are
 * removed here. Counted first so the audit event says what went.
 */
export async function deleteServer(
  ctx: ServiceContext,
  input: DeleteServerInput | Record<string, unknown>,
): Promise<DeletedServerCounts> {
  requirePermission(ctx, "servers.write");
  const { slug, confirmName } = DeleteServerInput.parse(input);
  const counts = await withTx(ctx, async (tx) => {
    const server = await tx.mcpServer.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } });
    if (!server) throw new NotFoundError("MCP server");
    if (confirmName !== server.name) {
      const message = `Type the server's name, “${server.name}”, to confirm.`;
      throw new ValidationError(message, { confirmName: [message] });
    }
    const where = { serverId: server.id };
    const clientIds = (await tx.oAuthClient.findMany({ where, select: { id: true } })).map((c) => c.id);
    const counts = await countServerContents(tx, server.id);
    await tx.authorizationCode.deleteMany({ where });
    await tx.authorizationRequest.deleteMany({ where });
    await tx.clientLogo.deleteMany({ where: { clientId: { in: clientIds } } });
    await tx.clientDailyStat.deleteMany({ where: { clientId: { in: clientIds } } });
    await tx.mcpServer.delete({ where: { id: server.id } });
    await recordAudit(tx, ctx, {
      action: "server.deleted",
      target: { type: "server", id: server.id, label: server.name },
      serverId: server.id,
      details: { slug: server.slug, ...counts },
    });
    return counts;
  });
  forgetOAuthServer(slug);
  return counts;
}
