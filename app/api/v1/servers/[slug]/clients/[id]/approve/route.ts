import { jsonRoute } from "@/lib/api/json-route";
import { approveClient } from "@/lib/services";

export const POST = jsonRoute<{ slug: string; id: string }>("clients.write", async (_req, ctx, { slug, id }) => ({
  client: await approveClient({ ctx, serverSlug: slug, input: { clientId: id } }),
}));
