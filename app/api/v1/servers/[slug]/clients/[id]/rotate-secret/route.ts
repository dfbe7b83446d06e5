import { jsonRoute, readJsonObject } from "@/lib/api/json-route";
import { rotateClientSecret } from "@/lib/services";

/** { "gracePeriod": "none" | "1h" | "24h" | "7d" } → the new client_secret, once. */
export const POST = jsonRoute<{ slug: string; id: string }>("clients.write", async (req, ctx, { slug, id }) => {
  const body = await readJsonObject(req);
  return rotateClientSecret({ ctx, serverSlug: slug, input: { clientId: id, gracePeriod: body.gracePeriod as never } });
});
