import { applyMigrations, database } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { gatehouseSecret } from "@/lib/secret";
import { ensureDemoServer, systemContext } from "@/lib/services";
import { startSweepSchedule } from "@/lib/services/maintenance/sweep";
import { startDcrPruneSchedule } from "@/lib/services/dcr/prune-dcr-clients";
import { startWebhookWorker } from "@/lib/services/webhooks/worker";
import { startActivityFlush } from "@/lib/services/activity/client-activity";
import { startAuditRetentionSchedule } from "@/lib/services/audit/audit-retention";
import { listenForInvalidations } from "@/lib/services/cache-invalidation";
import { cimdLocalTestingFlags } from "@/lib/services/cimd/transport";

let booted: Promise<void> | undefined;

/**
 * Boots, or ends the process: a server whose database cannot be opened (a PGlite folder another
 * process holds or that is damaged, an unreachable DATABASE_URL, a changed migration, bad
 * configuration) would otherwise stay up answering 500 to every request. Exiting with status 1 and
 * the reason lets a supervisor restart it or alert.
 */
export async function bootOrExit(): Promise<void> {
  try {
    await boot();
  } catch (err) {
    logger.error("gatehouse.start_failed", {
      reason: err instanceof Error ? err.message : String(err),
      error: err,
      message: "Gatehouse cannot start: stopping (exit status 1).",
    });
    process.exit(1);
  }
}

export function boot(): Promise<void> {
  booted ??= (async () => {
    gatehouseSecret();
    const cimdFlags = cimdLocalTestingFlags();
    if (cimdFlags.length > 0) {
      logger.warn("cimd.local_testing", {
        flags: cimdFlags,
        message:
          "The CIMD fetcher may reach loopback addresses on this machine (SSRF guard relaxed for local testing). Never set these in production.",
      });
    }
    const db = database();
    const { applied } = await applyMigrations(db);
    if (applied.length > 0) logger.info("db.migrated", { applied });
    // After the migrations (the triggers exist), before serving: other instances' writes reach our caches.
    await listenForInvalidations(db);
    if (await ensureDemoServer(systemContext("first-start"))) logger.info("demo_server.created", { slug: "demo" });
    startSweepSchedule(systemContext("maintenance"));
    startDcrPruneSchedule(systemContext("maintenance"));
    startWebhookWorker(systemContext("webhooks"));
    startActivityFlush(systemContext("activity"));
    startAuditRetentionSchedule(systemContext("maintenance"));
    logger.info("gatehouse.ready", { url: env().GATEHOUSE_URL, database: db.kind });
  })();
  return booted;
}
