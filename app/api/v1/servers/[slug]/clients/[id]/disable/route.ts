import { jsonRoute } from "@/lib/api/json-route";
import { setClientDisabled } from "@/lib/services";

export const POST = jsonRoute<{ slug: string; id: string }>("clients.disable", async (_req, ctx, { slug, id }) => ({
  client: await setClientDisabled({ ctx, serverSlug: slug, input: { clientId: id }, disabled: true }),
}));
