import { jsonRoute } from "@/lib/api/json-route";
import { redeliver } from "@/lib/services";

/** Sends the same event again, as a new delivery; 202: the worker sends it shortly. */
export const POST = jsonRoute<{ id: string; deliveryId: string }>(
  "settings.write",
  async (_req, ctx, { id, deliveryId }) => {
    await redeliver({ ctx, webhookId: id, deliveryId });
    return Response.json({ redelivered: true }, { status: 202, headers: { "Cache-Control": "no-store" } });
  },
);
