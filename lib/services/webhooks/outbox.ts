// Writing events: called from recordAudit, so every webhook-worthy change puts its event in the
// outbox inside its own transaction — the change and its announcement commit or fail together.
import { newId } from "@/lib/ids";
import { WEBHOOK_EVENTS, type WebhookEventType } from "@/lib/schemas/webhooks";

export function isWebhookEvent(action: string): action is WebhookEventType {
  return (WEBHOOK_EVENTS as readonly string[]).includes(action);
}

export interface OutboxRow {
  id: string;
  type: WebhookEventType;
  payload: { id: string; type: WebhookEventType; created_at: string; data: Record<string, unknown> };
}

/** The outbox row of one event (the payload is what subscribers receive). */
export function outboxRow(type: WebhookEventType, data: Record<string, unknown>): OutboxRow {
  const id = newId("event");
  return { id, type, payload: { id, type, created_at: new Date().toISOString(), data } };
}
