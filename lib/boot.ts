import { applyMigrations, database } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { gatehouseSecret } from "@/lib/secret";
import { ensureDemoServer, systemContext } from "@/lib/services";
import { startSweepSchedule } from "@/lib/services/maintenance/sweep";
import { startWebhookWorker } from "@/lib/services/webhooks/worker";
import { startActivityFlush } from "@/lib/services/activity/client-activity";

let booted: Promise<void> | undefined;

export function boot(): Promise<void> {
  booted ??= (async () => {
    gatehouseSecret();
    const db = database();
    const { applied } = await applyMigrations(db);
    if (applied.length > 0) logger.info("db.migrated", { applied });
    if (await ensureDemoServer(systemContext("first-start"))) logger.info("demo_server.created", { slug: "demo" });
    startSweepSchedule(systemContext("maintenance"));
    startWebhookWorker(systemContext("webhooks"));
    startActivityFlush(systemContext("activity"));
    logger.info("gatehouse.ready", { url: env().GATEHOUSE_URL, database: db.kind });
  })();
  return booted;
}
