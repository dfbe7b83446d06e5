import { jsonRoute, readJsonObject } from "@/lib/api/json-route";
import { CreateWebhookInput } from "@/lib/schemas/webhooks";
import { createWebhook, listWebhooks } from "@/lib/services";

export const GET = jsonRoute("settings.write", async (_req, ctx) => ({ webhooks: await listWebhooks({ ctx }) }));

/** The signing secret is in this answer only; afterwards only its last 4 characters are shown. */
export const POST = jsonRoute("settings.write", async (req, ctx) => {
  const input = CreateWebhookInput.parse(await readJsonObject(req));
  return Response.json(await createWebhook({ ctx, input }), { status: 201, headers: { "Cache-Control": "no-store" } });
});
