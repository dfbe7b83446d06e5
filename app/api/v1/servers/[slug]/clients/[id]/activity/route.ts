import { jsonRoute } from "@/lib/api/json-route";
import { getClientActivity } from "@/lib/services";

type Params = { slug: string; id: string };

/** The Overview chart's data: the last 30 days (oldest first), tokens issued and consents granted/revoked per day. */
export const GET = jsonRoute<Params>("clients.read", async (_req, ctx, { slug, id }) => ({
  days: await getClientActivity({ ctx, serverSlug: slug, clientId: id }),
}));
