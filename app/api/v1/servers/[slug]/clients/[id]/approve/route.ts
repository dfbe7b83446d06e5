import { jsonRoute, readBody } from "@/lib/api/json-route";
import { EmptyBody } from "@/lib/api/openapi/paths/bodies";
import { approveClient } from "@/lib/services";

export const POST = jsonRoute<{ slug: string; id: string }>("clients.write", async (req, ctx, { slug, id }) => {
  await readBody(req, EmptyBody);
  return {
    client: await approveClient({ ctx, serverSlug: slug, input: { clientId: id } }),
  };
});
