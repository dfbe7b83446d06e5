import { jsonRoute, readBody } from "@/lib/api/json-route";
import { RotateSecretBody } from "@/lib/api/openapi/paths/clients";
import { rotateClientSecret } from "@/lib/services";

/** { "gracePeriod": "none" | "1h" | "24h" | "7d" } → the new client_secret, once. */
export const POST = jsonRoute<{ slug: string; id: string }>("clients.write", async (req, ctx, { slug, id }) => {
  const body = await readBody(req, RotateSecretBody);
  return rotateClientSecret({ ctx, serverSlug: slug, input: { clientId: id, gracePeriod: body.gracePeriod } });
});
