import { jsonRoute, readJsonObject } from "@/lib/api/json-route";
import { UpdateWebhookInput } from "@/lib/schemas/webhooks";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/services";

type Params = { id: string };

export const GET = jsonRoute<Params>("settings.write", async (_req, ctx, { id }) => ({
  webhook: await getWebhook({ ctx, webhookId: id }),
}));

/** A partial update of url, description, events; `disabled` pauses or resumes deliveries. */
export const PATCH = jsonRoute<Params>("settings.write", async (req, ctx, { id }) => {
  const input = UpdateWebhookInput.parse(await readJsonObject(req));
  return { webhook: await updateWebhook({ ctx, webhookId: id, input }) };
});

export const DELETE = jsonRoute<Params>("settings.write", async (_req, ctx, { id }) => {
  await deleteWebhook({ ctx, webhookId: id });
  return new Response(null, { status: 204 });
});
