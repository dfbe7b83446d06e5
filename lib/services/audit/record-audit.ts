// Every change writes its audit event through this, inside the change's own transaction:
// no event, no change. Snapshots never hold secrets (callers pass what is safe to keep).
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { ServiceContext } from "../context";
import type { AuditAction } from "@/lib/schemas/audit";

export interface AuditEntry {
  action: AuditAction;
  target?: { type: string; id: string; label?: string | null };
  serverId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(tx: Prisma.TransactionClient, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  const actor = ctx.actor;
  await tx.auditEvent.create({
    data: {
      id: newId("audit"),
      actorType: actor.type === "user" ? "USER" : "SYSTEM",
      actorId: actor.type === "user" ? actor.userId : null,
      actorLabel: actor.type === "user" ? actor.email : actor.label,
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
}
