// Managing webhook endpoints (Settings → Webhooks): owners and admins.
import { seal } from "@/lib/crypto/seal";
import { newId, randomToken } from "@/lib/ids";
import { CreateWebhookInput, UpdateWebhookInput } from "@/lib/schemas/webhooks";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import { actorLabel, dbOf, type ServiceContext } from "../context";
import { NotFoundError } from "../errors";
import { withTx } from "../transaction";
import { WEBHOOK_SEAL_PURPOSE } from "./worker";

export interface WebhookDto {
  id: string;
  url: string;
  description: string;
  events: string[];
  secretLast4: string;
  createdByLabel: string | null;
  createdAt: string;
  disabledAt: string | null;
}

export interface DeliveryDto {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string;
  createdAt: string;
}

const select = {
  id: true,
  url: true,
  description: true,
  events: true,
  secretLast4: true,
  createdByLabel: true,
  createdAt: true,
  disabledAt: true,
} as const;

function toDto(w: {
  id: string;
  url: string;
  description: string;
  events: string[];
  secretLast4: string;
  createdByLabel: string | null;
  createdAt: Date;
  disabledAt: Date | null;
}): WebhookDto {
  return { ...w, createdAt: w.createdAt.toISOString(), disabledAt: w.disabledAt?.toISOString() ?? null };
}

export async function createWebhook({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateWebhookInput | Record<string, unknown>;
}): Promise<{ webhook: WebhookDto; secret: string }> {
  requirePermission(ctx, "settings.write");
  const v = CreateWebhookInput.parse(input);
  const secret = `whsec_${randomToken(32)}`;
  return withTx(ctx, async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: {
        id: newId("webhook"),
        url: v.url,
        description: v.description,
        events: [...new Set(v.events)],
        secretSealed: seal(WEBHOOK_SEAL_PURPOSE, secret),
        secretLast4: secret.slice(-4),
        createdByLabel: actorLabel(ctx.actor).label,
      },
      select,
    });
    await recordAudit(tx, ctx, {
      action: "webhook.created",
      target: { type: "webhook", id: row.id, label: row.url },
      details: { events: row.events },
    });
    return { webhook: toDto(row), secret };
  });
}

export async function listWebhooks({ ctx }: { ctx: ServiceContext }): Promise<WebhookDto[]> {
  requirePermission(ctx, "settings.write");
  return (await dbOf(ctx).webhookEndpoint.findMany({ select, orderBy: { createdAt: "desc" } })).map(toDto);
}

export async function getWebhook({ ctx, webhookId }: { ctx: ServiceContext; webhookId: string }): Promise<WebhookDto> {
  requirePermission(ctx, "settings.write");
  const row = await dbOf(ctx).webhookEndpoint.findUnique({ where: { id: webhookId }, select });
  if (!row) throw new NotFoundError("Webhook");
  return toDto(row);
}

/** Changes the URL, description or events, or pauses/resumes deliveries; the secret stays. */
export async function updateWebhook({
  ctx,
  webhookId,
  input,
}: {
  ctx: ServiceContext;
  webhookId: string;
  input: UpdateWebhookInput | Record<string, unknown>;
}): Promise<WebhookDto> {
  requirePermission(ctx, "settings.write");
  const v = UpdateWebhookInput.parse(input);
  return withTx(ctx, async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({ where: { id: webhookId }, select });
    if (!before) throw new NotFoundError("Webhook");
    const after = await tx.webhookEndpoint.update({
      where: { id: webhookId },
      data: {
        url: v.url,
        description: v.description,
        events: v.events ? [...new Set(v.events)] : undefined,
        ...(v.disabled === undefined ? {} : { disabledAt: v.disabled ? (before.disabledAt ?? new Date()) : null }),
      },
      select,
    });
    const snapshot = (w: typeof before) => ({
      url: w.url,
      description: w.description,
      events: w.events,
      disabled: w.disabledAt !== null,
    });
    await recordAudit(tx, ctx, {
      action: "webhook.updated",
      target: { type: "webhook", id: after.id, label: after.url },
      details: { before: snapshot(before), after: snapshot(after) },
    });
    return toDto(after);
  });
}

export async function deleteWebhook({ ctx, webhookId }: { ctx: ServiceContext; webhookId: string }): Promise<void> {
  requirePermission(ctx, "settings.write");
  await withTx(ctx, async (tx) => {
    const row = await tx.webhookEndpoint.findUnique({ where: { id: webhookId }, select });
    if (!row) throw new NotFoundError("Webhook");
    await tx.webhookEndpoint.delete({ where: { id: webhookId } });
    await recordAudit(tx, ctx, { action: "webhook.deleted", target: { type: "webhook", id: row.id, label: row.url } });
  });
}

export async function listDeliveries({
  ctx,
  webhookId,
  limit = 50,
}: {
  ctx: ServiceContext;
  webhookId: string;
  limit?: number;
}): Promise<DeliveryDto[]> {
  requirePermission(ctx, "settings.write");
  if (!(await dbOf(ctx).webhookEndpoint.findUnique({ where: { id: webhookId }, select: { id: true } })))
    throw new NotFoundError("Webhook");
  const rows = await dbOf(ctx).webhookDelivery.findMany({
    where: { endpointId: webhookId },
    include: { event: { select: { type: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(limit, 200),
  });
  return rows.map((d) => ({
    id: d.id,
    eventId: d.eventId,
    eventType: d.event.type,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    createdAt: d.createdAt.toISOString(),
  }));
}

/**
 * "Redeliver": a fresh delivery of the same event to the same endpoint, sent as soon as possible.
 * With `webhookId` (the API's URL names it) a delivery of another endpoint is not found.
 */
export async function redeliver({
  ctx,
  deliveryId,
  webhookId,
}: {
  ctx: ServiceContext;
  deliveryId: string;
  webhookId?: string;
}): Promise<void> {
  requirePermission(ctx, "settings.write");
  await withTx(ctx, async (tx) => {
    const d = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, ...(webhookId ? { endpointId: webhookId } : {}) },
      select: { endpointId: true, eventId: true },
    });
    if (!d) throw new NotFoundError("Delivery");
    await tx.webhookDelivery.create({ data: { id: newId("delivery"), endpointId: d.endpointId, eventId: d.eventId } });
    await recordAudit(tx, ctx, {
      action: "webhook.redelivered",
      target: { type: "webhook", id: d.endpointId },
      details: { eventId: d.eventId, deliveryId },
    });
  });
}
