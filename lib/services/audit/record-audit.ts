// Every change writes its audit event through this, inside the change's own transaction:
// no event, no change. Snapshots never hold secrets (callers pass what is safe to keep).
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { newId } from "@/lib/ids";
import { actorLabel, type ServiceContext } from "../context";
import { isWebhookEvent, outboxRow, type OutboxRow } from "../webhooks/outbox";
import type { AuditAction } from "@/lib/schemas/audit";

export interface AuditEntry {
  action: AuditAction;
  target?: { type: string; id: string; label?: string | null };
  serverId?: string | null;
  details?: Record<string, unknown>;
}

/** The audit event's row, as stored (also written by statements that insert it with their change). */
export function auditRow(ctx: ServiceContext, entry: AuditEntry) {
  const actor = actorLabel(ctx.actor);
  return {
    id: newId("audit"),
    actorType:
      ctx.actor.type === "user"
        ? ("USER" as const)
        : ctx.actor.type === "api_key"
          ? ("API_KEY" as const)
          : ("SYSTEM" as const),
    actorId: actor.id,
    actorLabel: actor.label,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    targetLabel: entry.target?.label ?? null,
    serverId: entry.serverId ?? null,
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
    requestId: ctx.requestId,
    details: entry.details ?? null,
  };
}

/** The webhook event the audit event announces, or null when its action is not one (outbox.ts). */
export function auditWebhookEvent(ctx: ServiceContext, entry: AuditEntry): OutboxRow | null {
  if (!isWebhookEvent(entry.action)) return null;
  return outboxRow(entry.action, {
    actor: { type: ctx.actor.type, ...actorLabel(ctx.actor) },
    target: entry.target ?? null,
    server_id: entry.serverId ?? null,
    ...(entry.details ?? {}),
  });
}

export async function recordAudit(tx: Prisma.TransactionClient, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  const { details, ...row } = auditRow(ctx, entry);
  await tx.auditEvent.create({
    data: { ...row, details: (details ?? undefined) as Prisma.InputJsonValue | undefined },
  });
  const event = auditWebhookEvent(ctx, entry);
  if (event) await tx.outboxEvent.create({ data: { ...event, payload: event.payload as Prisma.InputJsonValue } });
}
