import { jsonRoute, readBody } from "@/lib/api/json-route";
import { EmptyBody } from "@/lib/api/openapi/paths/bodies";
import { redeliver } from "@/lib/services";

/** Sends the same event again, as a new delivery; 202: the worker sends it shortly. */
export const POST = jsonRoute<{ id: string; deliveryId: string }>(
  "settings.write",
  async (req, ctx, { id, deliveryId }) => {
    await readBody(req, EmptyBody);
    await redeliver({ ctx, webhookId: id, deliveryId });
    return Response.json({ redelivered: true }, { status: 202, headers: { "Cache-Control": "no-store" } });
  },
);
