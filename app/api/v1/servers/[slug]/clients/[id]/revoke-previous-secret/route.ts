import { jsonRoute, readBody } from "@/lib/api/json-route";
import { EmptyBody } from "@/lib/api/openapi/paths/bodies";
import { revokePreviousClientSecret } from "@/lib/services";

/** Ends a rotation's grace period now: the previous secret stops working. No body. */
export const POST = jsonRoute<{ slug: string; id: string }>("clients.write", async (req, ctx, { slug, id }) => {
  await readBody(req, EmptyBody);
  return {
    client: await revokePreviousClientSecret({ ctx, serverSlug: slug, input: { clientId: id } }),
  };
});
