import { idempotent } from "@/lib/api/idempotency";
import { jsonRoute, readBody } from "@/lib/api/json-route";
import { CreateWebhookBody } from "@/lib/api/openapi/paths/settings";
import { createWebhook, listWebhooks } from "@/lib/services";

export const GET = jsonRoute("settings.write", async (_req, ctx) => ({ webhooks: await listWebhooks({ ctx }) }));

/** The signing secret is in this answer only; afterwards only its last 4 characters are shown. */
export const POST = jsonRoute(
  "settings.write",
  idempotent(async (req, ctx) => {
    const input = await readBody(req, CreateWebhookBody);
    return Response.json(await createWebhook({ ctx, input }), {
      status: 201,
      headers: { "Cache-Control": "no-store" },
    });
  }),
);
