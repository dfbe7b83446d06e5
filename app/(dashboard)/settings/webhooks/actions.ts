"use server";

// Webhook mutations: thin adapters over the service verbs, which re-check settings.write and
// re-read every id. createWebhookAction returns the signing secret once, in the action state
// only: never a toast, a URL or the React Query cache.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { asArray } from "@/lib/schemas/form";
import { CreateWebhookInput } from "@/lib/schemas/webhooks";
import { createWebhook, deleteWebhook, redeliver } from "@/lib/services";

/** The list and every endpoint's deliveries page. */
function revalidateWebhooks() {
  revalidatePath("/settings/webhooks", "layout");
}

export const createWebhookAction = defineAction({
  input: CreateWebhookInput,
  permission: "settings.write",
  // One `events` field per ticked checkbox: none, one (a string) or several (an array).
  prepare: ({ events, ...rest }) => ({ ...rest, events: asArray(events) }),
  run: async (input, ctx) => {
    const { webhook, secret } = await createWebhook({ ctx, input });
    revalidateWebhooks();
    return { url: webhook.url, secret };
  },
});

export const deleteWebhookAction = defineAction({
  input: z.object({ webhookId: z.string().min(1) }),
  permission: "settings.write",
  run: async ({ webhookId }, ctx) => {
    await deleteWebhook({ ctx, webhookId });
    revalidateWebhooks();
    return { webhookId };
  },
});

export const redeliverAction = defineAction({
  input: z.object({ deliveryId: z.string().min(1) }),
  permission: "settings.write",
  run: async ({ deliveryId }, ctx) => {
    await redeliver({ ctx, deliveryId });
    revalidateWebhooks();
    return { deliveryId };
  },
});
