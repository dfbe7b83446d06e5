// Client activity for the Overview chart: daily rollups, never scans of token or audit tables.
// Tokens are counted in memory and flushed every few seconds as one upsert per client and day, so
// issuing a token costs no database write; consents are counted inside their own transactions.
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics/metrics";
import { processWide } from "@/lib/process-state";
import { every } from "@/lib/schedules";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { findClientOrThrow, findServerIdOrThrow } from "../clients/find-client";

// Process-wide: tokens are counted by the protocol front, flushed by a timer started in another bundle.
const pending = processWide("activity.pendingTokenCounts", () => new Map<string, number>());

function dayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Counts one issued access token (in memory; see flushActivity). */
export function countTokenIssued(clientRowId: string, now = new Date()): void {
  const key = `${clientRowId}|${dayOf(now)}`;
  pending.set(key, (pending.get(key) ?? 0) + 1);
}

/** Writes the in-memory token counts. Safe to call often; runs every few seconds in the server. */
export async function flushActivity(ctx: ServiceContext): Promise<number> {
  if (pending.size === 0) return 0;
  const batch = [...pending.entries()];
  pending.clear();
  for (const [key, n] of batch) {
    const [clientId, day] = key.split("|") as [string, string];
    try {
      await dbOf(ctx).$executeRaw`
        INSERT INTO "ClientDailyStat" ("clientId", "day", "tokensIssued") VALUES (${clientId}, ${day}::date, ${n})
        ON CONFLICT ("clientId", "day") DO UPDATE SET "tokensIssued" = "ClientDailyStat"."tokensIssued" + EXCLUDED."tokensIssued"`;
    } catch (err) {
      logger.warn("activity.flush_failed", { clientId, err });
    }
  }
  return batch.length;
}

/** Inside a consent transaction: one more granted or revoked consent today for the client. */
export async function countConsentChange(
  tx: Prisma.TransactionClient,
  clientRowId: string,
  kind: "granted" | "revoked",
  n = 1,
  now = new Date(),
): Promise<void> {
  const day = dayOf(now);
  // Counted with the write it belongs to; a transaction rolled back after this over-counts by n.
  metrics.consents.inc({ change: kind }, n);
  if (kind === "granted") {
    await tx.$executeRaw`
      INSERT INTO "ClientDailyStat" ("clientId", "day", "consentsGranted") VALUES (${clientRowId}, ${day}::date, ${n})
      ON CONFLICT ("clientId", "day") DO UPDATE SET "consentsGranted" = "ClientDailyStat"."consentsGranted" + EXCLUDED."consentsGranted"`;
  } else {
    await tx.$executeRaw`
      INSERT INTO "ClientDailyStat" ("clientId", "day", "consentsRevoked") VALUES (${clientRowId}, ${day}::date, ${n})
      ON CONFLICT ("clientId", "day") DO UPDATE SET "consentsRevoked" = "ClientDailyStat"."consentsRevoked" + EXCLUDED."consentsRevoked"`;
  }
}

export interface ActivityDay {
  day: string;
  tokensIssued: number;
  consentsGranted: number;
  consentsRevoked: number;
}

/** The last `days` days (oldest first, today last), zeros where nothing happened. */
export async function getClientActivity({
  ctx,
  serverSlug,
  clientId,
  days = 30,
  now = new Date(),
}: {
  ctx: ServiceContext;
  serverSlug: string;
  clientId: string;
  days?: number;
  now?: Date;
}): Promise<ActivityDay[]> {
  requirePermission(ctx, "clients.read");
  const db = dbOf(ctx);
  const server = await findServerIdOrThrow(db, serverSlug);
  const client = await findClientOrThrow(db, server.id, clientId);
  const start = new Date(`${dayOf(new Date(now.getTime() - (days - 1) * 86_400_000))}T00:00:00.000Z`);
  const rows = await db.clientDailyStat.findMany({ where: { clientId: client.id, day: { gte: start } } });
  const byDay = new Map(rows.map((r) => [dayOf(r.day), r]));
  return Array.from({ length: days }, (_, i) => {
    const day = dayOf(new Date(start.getTime() + i * 86_400_000));
    const r = byDay.get(day);
    return {
      day,
      tokensIssued: r?.tokensIssued ?? 0,
      consentsGranted: r?.consentsGranted ?? 0,
      consentsRevoked: r?.consentsRevoked ?? 0,
    };
  });
}

export function startActivityFlush(ctx: ServiceContext, everyMs = 5_000): void {
  every("activity.flush", everyMs, () => flushActivity(ctx));
}
