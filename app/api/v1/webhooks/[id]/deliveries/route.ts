import { jsonRoute } from "@/lib/api/json-route";
import { listDeliveries } from "@/lib/services";

/** The most recent deliveries, newest first: `?limit=` 1–200 (default 50). */
export const GET = jsonRoute<{ id: string }>("settings.write", async (req, ctx, { id }) => {
  const raw = Number(new URL(req.url).searchParams.get("limit") ?? 50);
  const limit = Number.isInteger(raw) && raw >= 1 ? raw : 50;
  return { deliveries: await listDeliveries({ ctx, webhookId: id, limit }) };
});
