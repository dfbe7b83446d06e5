// Writing events: called from recordAudit, so every webhook-worthy change puts its event in the
// outbox inside its own transaction — the change and its announcement commit or fail together.
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { newId } from "@/lib/ids";
import { WEBHOOK_EVENTS, type WebhookEventType } from "@/lib/schemas/webhooks";

export function isWebhookEvent(action: string): action is WebhookEventType {
  return (WEBHOOK_EVENTS as readonly string[]).includes(action);
}

export async function enqueueEvent(
  tx: Prisma.TransactionClient,
  type: WebhookEventType,
  data: Record<string, unknown>,
): Promise<void> {
  const id = newId("event");
  const payload = { id, type, created_at: new Date().toISOString(), data };
  await tx.outboxEvent.create({ data: { id, type, payload: payload as Prisma.InputJsonValue } });
}
