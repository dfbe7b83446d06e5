import { jsonRoute } from "@/lib/api/json-route";
import { revokePreviousClientSecret } from "@/lib/services";

/** Ends a rotation's grace period now: the previous secret stops working. No body. */
export const POST = jsonRoute<{ slug: string; id: string }>("clients.write", async (_req, ctx, { slug, id }) => ({
  client: await revokePreviousClientSecret({ ctx, serverSlug: slug, input: { clientId: id } }),
}));
