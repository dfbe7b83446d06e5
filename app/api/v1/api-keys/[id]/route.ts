import { jsonRoute, readBody } from "@/lib/api/json-route";
import { EmptyBody } from "@/lib/api/openapi/paths/bodies";
import { revokeApiKey } from "@/lib/services";

/** Revokes the key: its next request is 401. Revoking a revoked key changes nothing. */
export const DELETE = jsonRoute<{ id: string }>("apikeys.write", async (req, ctx, { id }) => {
  await readBody(req, EmptyBody);
  await revokeApiKey({ ctx, input: { keyId: id } });
  return new Response(null, { status: 204 });
});
