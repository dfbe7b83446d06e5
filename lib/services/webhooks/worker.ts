// Delivering webhooks from the outbox. Two steps, each safe with several app instances running
// (rows are claimed with FOR UPDATE SKIP LOCKED): dispatch fans new events out into one delivery
// per subscribed endpoint; deliver POSTs due deliveries, signed, and reschedules failures with
// exponential backoff (10 s, 20 s, 40 s … capped at an hour) for a day after the event.
import { unseal } from "@/lib/crypto/seal";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics/metrics";
import { every } from "@/lib/schedules";
import { SIGNATURE_HEADER, signPayload } from "@/lib/webhooks/signature";
import { dbOf, type ServiceContext } from "../context";
import { withTx } from "../transaction";

export const WEBHOOK_SEAL_PURPOSE = "webhook-secret";
const RETRY_FOR_MS = 24 * 3_600_000;
const LEASE_MS = 60_000;

export function backoffSeconds(attempts: number): number {
  return Math.min(3_600, 10 * 2 ** Math.max(0, attempts - 1));
}

/** Fans undispatched events out into deliveries. Returns how many events it handled. */
export async function dispatchOutbox(ctx: ServiceContext, now = new Date()): Promise<number> {
  return withTx(ctx, async (tx) => {
    const events = await tx.$queryRaw<{ id: string; type: string }[]>`
      SELECT "id", "type" FROM "OutboxEvent" WHERE "dispatchedAt" IS NULL ORDER BY "createdAt" LIMIT 100 FOR UPDATE SKIP LOCKED`;
    if (events.length === 0) return 0;
    const endpoints = await tx.webhookEndpoint.findMany({
      where: { disabledAt: null },
      select: { id: true, events: true },
    });
    const deliveries = events.flatMap((e) =>
      endpoints
        .filter((ep) => ep.events.includes(e.type))
        .map((ep) => ({ id: newId("delivery"), endpointId: ep.id, eventId: e.id, nextAttemptAt: now })),
    );
    if (deliveries.length > 0) await tx.webhookDelivery.createMany({ data: deliveries });
    await tx.outboxEvent.updateMany({ where: { id: { in: events.map((e) => e.id) } }, data: { dispatchedAt: now } });
    return events.length;
  });
}

export interface DeliverDeps {
  fetch: typeof fetch;
  now: () => Date;
  timeoutMs?: number;
}

/** POSTs due deliveries. Returns how many it attempted. */
export async function deliverDue(ctx: ServiceContext, deps: DeliverDeps, limit = 10): Promise<number> {
  const now = deps.now();
  // Claim: push nextAttemptAt out by a lease, so another instance does not send the same one.
  const claimed = await withTx(ctx, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "WebhookDelivery" WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return [];
    await tx.webhookDelivery.updateMany({
      where: { id: { in: rows.map((r) => r.id) } },
      data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
    });
    return tx.webhookDelivery.findMany({
      where: { id: { in: rows.map((r) => r.id) } },
      include: { endpoint: true, event: true },
    });
  });
  await Promise.all(
    claimed.map(async (d) => {
      const body = JSON.stringify(d.event.payload);
      const attempts = d.attempts + 1;
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        const secret = unseal(WEBHOOK_SEAL_PURPOSE, d.endpoint.secretSealed);
        const res = await deps.fetch(d.endpoint.url, {
          method: "POST",
          redirect: "manual",
          signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
          headers: {
            "Content-Type": "application/json",
            "User-Agent": "Gatehouse-Webhooks/1",
            [SIGNATURE_HEADER]: signPayload(secret, body, Math.floor(deps.now().getTime() / 1000)),
            "Gatehouse-Event-Id": d.eventId,
            "Gatehouse-Event-Type": d.event.type,
            "Gatehouse-Delivery-Id": d.id,
          },
          body,
        });
        statusCode = res.status;
        await res.body?.cancel();
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      const at = deps.now();
      const giveUp = error !== null && at.getTime() - d.event.createdAt.getTime() >= RETRY_FOR_MS;
      await dbOf(ctx).webhookDelivery.update({
        where: { id: d.id },
        data: {
          attempts,
          lastAttemptAt: at,
          lastStatusCode: statusCode,
          lastError: error,
          status: error === null ? "succeeded" : giveUp ? "failed" : "pending",
          nextAttemptAt: error === null || giveUp ? at : new Date(at.getTime() + backoffSeconds(attempts) * 1000),
        },
      });
      if (error) metrics.webhookDeliveryFailures.inc({ outcome: giveUp ? "gave_up" : "retry" });
      if (error)
        logger.warn("webhook.delivery_failed", {
          deliveryId: d.id,
          endpointId: d.endpointId,
          attempts,
          error,
          gaveUp: giveUp,
        });
    }),
  );
  return claimed.length;
}

/** The work waiting: events not fanned out yet, deliveries not yet sent (the metrics gauge). */
export async function webhookBacklog(ctx: ServiceContext): Promise<{ undispatched: number; pending: number }> {
  const db = dbOf(ctx);
  const [undispatched, pending] = await Promise.all([
    db.outboxEvent.count({ where: { dispatchedAt: null } }),
    db.webhookDelivery.count({ where: { status: "pending" } }),
  ]);
  return { undispatched, pending };
}

/** Every instance runs this; the row claims keep them from sending twice. */
export function startWebhookWorker(ctx: ServiceContext, everyMs = 2_000): void {
  every("webhook.worker", everyMs, async () => {
    await dispatchOutbox(ctx);
    while ((await deliverDue(ctx, { fetch, now: () => new Date() })) > 0) {
      /* drain what is due */
    }
  });
}
