// Audit retention: a per-instance period (InstanceSettings.auditRetentionDays, null = forever, the
// default) and the daily sweep that deletes older events. Deleting history is itself audited
// ("audit.pruned", with the count and the cut-off). The CSV export (/api/v1/audit/export) is the
// archive path: export before shortening the period (docs/operations.md).
import { logger } from "@/lib/logger";
import { every } from "@/lib/schedules";
import { AUDIT_RETENTION_CHOICES, type AuditRetentionChoice } from "@/lib/schemas/audit-retention";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { readInstanceSettings, updateInstanceSettings } from "../settings/instance-settings";
import { withTx } from "../transaction";
import { recordAudit } from "./record-audit";

const DAY_MS = 86_400_000;
/** Rows deleted per statement: a long backlog goes in short transactions, not one huge one. */
const BATCH = 5_000;

export async function getAuditRetentionDays(ctx: ServiceContext): Promise<number | null> {
  requirePermission(ctx, "audit.read");
  return (await readInstanceSettings(ctx)).auditRetentionDays;
}

/** Owners only: a shorter period deletes history at the next sweep. */
export async function setAuditRetention({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { auditRetention: AuditRetentionChoice };
}): Promise<{ auditRetentionDays: number | null }> {
  requirePermission(ctx, "audit.retention");
  const days = AUDIT_RETENTION_CHOICES[input.auditRetention].days;
  await updateInstanceSettings(ctx, { auditRetentionDays: days });
  return { auditRetentionDays: days };
}

export interface AuditSweep {
  retentionDays: number | null;
  /** Events created before this were deleted (null: nothing is ever deleted). */
  cutoff: string | null;
  deleted: number;
}

/** Deletes the events older than the retention period; run daily on every instance (idempotent). */
export async function sweepAuditEvents(ctx: ServiceContext, now = new Date()): Promise<AuditSweep> {
  const db = dbOf(ctx);
  const { auditRetentionDays: retentionDays } = await readInstanceSettings(ctx);
  if (retentionDays === null) return { retentionDays, cutoff: null, deleted: 0 };
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  let deleted = 0;
  for (;;) {
    const n = await db.$executeRaw`
      DELETE FROM "AuditEvent" WHERE "id" IN (
        SELECT "id" FROM "AuditEvent" WHERE "createdAt" < ${cutoff} ORDER BY "createdAt" LIMIT ${BATCH})`;
    deleted += n;
    if (n < BATCH) break;
  }
  if (deleted > 0) {
    await withTx(ctx, (tx) =>
      recordAudit(tx, ctx, {
        action: "audit.pruned",
        target: { type: "settings", id: "instance", label: "Audit retention" },
        details: { deleted, cutoff: cutoff.toISOString(), retentionDays },
      }),
    );
  }
  return { retentionDays, cutoff: cutoff.toISOString(), deleted };
}

/** Daily, and once ten minutes after start (an instance that restarts often still sweeps). */
export function startAuditRetentionSchedule(ctx: ServiceContext, everyMs = DAY_MS): void {
  every(
    "audit.retention_sweep",
    everyMs,
    async () => {
      const swept = await sweepAuditEvents(ctx);
      if (swept.deleted > 0) logger.info("audit.pruned", { ...swept });
    },
    10 * 60_000,
  );
}
