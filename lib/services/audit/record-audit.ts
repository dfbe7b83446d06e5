// Every change writes its audit event through this, inside the change's own transaction:
// no event, no change. Snapshots never hold secrets (callers pass what is safe to keep).
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { newId } from "@/lib/ids";
import { actorLabel, type ServiceContext } from "../context";
import { enqueueEvent, isWebhookEvent } from "../webhooks/outbox";
import type { AuditAction } from "@/lib/schemas/audit";

export interface AuditEntry {
  action: AuditAction;
  target?: { type: string; id: string; label?: string | null };
  serverId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(tx: Prisma.TransactionClient, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  const actor = actorLabel(ctx.actor);
  await tx.auditEvent.create({
    data: {
      id: newId("audit"),
      actorType: ctx.actor.type === "user" ? "USER" : ctx.actor.type === "api_key" ? "API_KEY" : "SYSTEM",
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
      details: (entry.details ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
  if (isWebhookEvent(entry.action)) {
    await enqueueEvent(tx, entry.action, {
      actor: { type: ctx.actor.type, ...actor },
      target: entry.target ?? null,
      server_id: entry.serverId ?? null,
      ...(entry.details ?? {}),
    });
  }
}
