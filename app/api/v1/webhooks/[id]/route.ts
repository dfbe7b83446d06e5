import { jsonRoute, readBody } from "@/lib/api/json-route";
import { EmptyBody } from "@/lib/api/openapi/paths/bodies";
import { UpdateWebhookBody } from "@/lib/api/openapi/paths/settings";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/services";

type Params = { id: string };

export const GET = jsonRoute<Params>("settings.write", async (_req, ctx, { id }) => ({
  webhook: await getWebhook({ ctx, webhookId: id }),
}));

/** A partial update of url, description, events; `disabled` pauses or resumes deliveries. */
export const PATCH = jsonRoute<Params>("settings.write", async (req, ctx, { id }) => {
  const input = await readBody(req, UpdateWebhookBody);
  return { webhook: await updateWebhook({ ctx, webhookId: id, input }) };
});

export const DELETE = jsonRoute<Params>("settings.write", async (req, ctx, { id }) => {
  await readBody(req, EmptyBody);
  await deleteWebhook({ ctx, webhookId: id });
  return new Response(null, { status: 204 });
});
