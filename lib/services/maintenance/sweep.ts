// Housekeeping: rows that only matter until they expire. Run by an in-process schedule on every
// instance (deletes are idempotent, so several instances sweeping together is harmless).
import { logger } from "@/lib/logger";
import { every } from "@/lib/schedules";
import { dbOf, type ServiceContext } from "../context";
import { sweepDpopJtis } from "../oauth/dpop";
import { sweepStatusLists } from "../oauth/status-lists";
import { sweepRateLimits } from "../rate-limit";
import { sweepUsedJwtIds } from "../replay/used-jwt-ids";

const GRACE_MAX_MS = 10 * 60_000;

export async function sweepExpired(ctx: ServiceContext, now = new Date()): Promise<Record<string, number>> {
  const db = dbOf(ctx);
  const [requests, codes, denied, successors, buckets, events, idempotencyKeys, usedJwtIds, dpopJtis, statusLists] =
    await Promise.all([
      db.authorizationRequest.deleteMany({ where: { expiresAt: { lt: now } } }),
      db.authorizationCode.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 3_600_000) } } }),
      db.revokedAccessToken.deleteMany({ where: { expiresAt: { lt: now } } }),
      // A rotated token's successor is kept (sealed) only for the refresh grace window.
      db.refreshToken.updateMany({
        where: { successorSealed: { not: null }, rotatedAt: { lt: new Date(now.getTime() - GRACE_MAX_MS) } },
        data: { successorSealed: null },
      }),
      sweepRateLimits(db, now),
      // Webhook events: kept 30 days after dispatch for the delivery log and redelivery, then gone
      // (their deliveries cascade), unless a delivery is still being retried.
      db.outboxEvent.deleteMany({
        where: {
          dispatchedAt: { lt: new Date(now.getTime() - 30 * 86_400_000) },
          deliveries: { none: { status: "pending" } },
        },
      }),
      db.idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } }),
      // Single-use JWT ids are remembered only while the JWT itself could still be accepted.
      sweepUsedJwtIds(ctx, now),
      sweepDpopJtis(ctx, now),
      // Status lists whose tokens have all expired (status-lists.ts), with their entries.
      sweepStatusLists(ctx, now),
    ]);
  return {
    requests: requests.count,
    codes: codes.count,
    denied: denied.count,
    successors: successors.count,
    buckets,
    events: events.count,
    idempotencyKeys: idempotencyKeys.count,
    usedJwtIds,
    dpopJtis: dpopJtis.count,
    statusLists,
  };
}

export function startSweepSchedule(ctx: ServiceContext, everyMs = 10 * 60_000): void {
  every("maintenance.sweep", everyMs, async () => logger.info("maintenance.swept", await sweepExpired(ctx)));
}
