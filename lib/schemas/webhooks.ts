import { z } from "zod";

export const WEBHOOK_EVENTS = [
  "client.registered",
  "client.deleted",
  "consent.granted",
  "consent.revoked",
  "refresh_token.reuse_detected",
  "user.disabled",
  "user.deprovisioned",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "client.registered":
    "An MCP client registered itself (DCR), or a metadata-document client (CIMD) was used for the first time.",
  "client.deleted": "A client was deleted.",
  "consent.granted": "A user allowed a client.",
  "consent.revoked": "A consent was revoked (by an admin or the user).",
  "refresh_token.reuse_detected": "A rotated refresh token was presented again; its authorization was revoked.",
  "user.disabled": "A user was disabled.",
  "user.deprovisioned":
    "A user was deprovisioned (SCIM active:false or DELETE): disabled, every consent and refresh token revoked, sessions ended.",
};

export const WebhookUrl = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives events.")
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password && !u.hash;
    } catch {
      return false;
    }
  }, "Enter an absolute http(s) URL without credentials or fragment.");

export const CreateWebhookInput = z.object({
  url: WebhookUrl,
  description: z.string().trim().max(200).default(""),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event."),
});
export type CreateWebhookInput = z.input<typeof CreateWebhookInput>;

/** A partial update: fields left out keep their values; `disabled: true` pauses deliveries. */
export const UpdateWebhookInput = z.object({
  url: WebhookUrl.optional(),
  description: z.string().trim().max(200).optional(),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event.").optional(),
  disabled: z.boolean().optional(),
});
export type UpdateWebhookInput = z.input<typeof UpdateWebhookInput>;
