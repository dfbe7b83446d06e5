import { jsonRoute, readBody } from "@/lib/api/json-route";
import { EmptyBody } from "@/lib/api/openapi/paths/bodies";
import { setClientDisabled } from "@/lib/services";

export const POST = jsonRoute<{ slug: string; id: string }>("clients.disable", async (req, ctx, { slug, id }) => {
  await readBody(req, EmptyBody);
  return {
    client: await setClientDisabled({ ctx, serverSlug: slug, input: { clientId: id }, disabled: true }),
  };
});
