// Hygiene for self-registered clients (issue 5; checklist REG-14 "expire clients that were never
// used"): per MCP server, DCR clients never used within dcrPruneUnusedDays of registering (default
// 7) and DCR clients not used for dcrPruneIdleDays (default 90) are deleted, with their consents and
// tokens. Pre-registered and CIMD clients are never pruned. One client.pruned event per server
// that lost clients, with the counts. Run by `npm run gatehouse -- prune` and an in-process schedule.
import { logger } from "@/lib/logger";
import { every } from "@/lib/schedules";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { withTx } from "../transaction";
import { forgetOAuthClient } from "../oauth/oauth-client";

const DAY_MS = 86_400_000;
/** The audit event lists at most this many client ids (the counts are always exact). */
const LISTED_IDS = 200;

export interface PrunedServer {
  serverId: string;
  slug: string;
  /** Never used within dcrPruneUnusedDays of registering. */
  neverUsed: number;
  /** Used once, but not for dcrPruneIdleDays. */
  idle: number;
}

export async function pruneDcrClients({
  ctx,
  now = new Date(),
}: {
  ctx: ServiceContext;
  now?: Date;
}): Promise<PrunedServer[]> {
  requirePermission(ctx, "clients.delete");
  const servers = await dbOf(ctx).mcpServer.findMany({
    where: { OR: [{ dcrPruneUnusedDays: { gt: 0 } }, { dcrPruneIdleDays: { gt: 0 } }] },
    select: { id: true, slug: true, dcrPruneUnusedDays: true, dcrPruneIdleDays: true },
    orderBy: { createdAt: "asc" },
  });
  const results: PrunedServer[] = [];
  for (const server of servers) {
    const unusedBefore = new Date(now.getTime() - server.dcrPruneUnusedDays * DAY_MS);
    const idleBefore = new Date(now.getTime() - server.dcrPruneIdleDays * DAY_MS);
    const result = await withTx(ctx, async (tx) => {
      // DELETE … RETURNING counts what this run removed, even when another instance prunes at the
      // same moment. Never-used first, so a client that qualifies twice counts once, as never used.
      // Consents, refresh tokens and codes go with each client (foreign keys ON DELETE CASCADE).
      const neverUsed =
        server.dcrPruneUnusedDays > 0
          ? await tx.$queryRaw<{ clientId: string }[]>`
              DELETE FROM "OAuthClient" WHERE "serverId" = ${server.id} AND "registration" = 'DYNAMIC'
                 AND "lastUsedAt" IS NULL AND "createdAt" < ${unusedBefore}
              RETURNING "clientId"`
          : [];
      // Idle: last used, or (never used) registered, before the idle horizon.
      const idle =
        server.dcrPruneIdleDays > 0
          ? await tx.$queryRaw<{ clientId: string }[]>`
              DELETE FROM "OAuthClient" WHERE "serverId" = ${server.id} AND "registration" = 'DYNAMIC'
                 AND COALESCE("lastUsedAt", "createdAt") < ${idleBefore}
              RETURNING "clientId"`
          : [];
      if (neverUsed.length + idle.length === 0) return undefined;
      const clientIds = [...neverUsed, ...idle].map((c) => c.clientId);
      await recordAudit(tx, ctx, {
        action: "client.pruned",
        target: { type: "server", id: server.id, label: server.slug },
        serverId: server.id,
        details: {
          neverUsed: neverUsed.length,
          idle: idle.length,
          unusedDays: server.dcrPruneUnusedDays,
          idleDays: server.dcrPruneIdleDays,
          clientIds: clientIds.slice(0, LISTED_IDS),
          ...(clientIds.length > LISTED_IDS ? { clientIdsTruncated: true } : {}),
        },
      });
      return { neverUsed: neverUsed.length, idle: idle.length, clientIds };
    });
    if (result) {
      for (const clientId of result.clientIds) forgetOAuthClient(server.id, clientId);
      results.push({ serverId: server.id, slug: server.slug, neverUsed: result.neverUsed, idle: result.idle });
    }
  }
  return results;
}

/**
 * Hourly on every instance: deletes are conditional, so instances pruning together count each client
 * once. And once a minute after start, so an instance that restarts often still prunes.
 */
export function startDcrPruneSchedule(ctx: ServiceContext, everyMs = 60 * 60_000): void {
  const run = async () => {
    const pruned = await pruneDcrClients({ ctx });
    if (pruned.length > 0) logger.info("maintenance.dcr_pruned", { servers: pruned });
  };
  every("maintenance.dcr_prune", everyMs, run, 60_000);
}
