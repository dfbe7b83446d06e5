import { jsonRoute } from "@/lib/api/json-route";
import { revokeApiKey } from "@/lib/services";

/** Revokes the key: its next request is 401. Revoking a revoked key changes nothing. */
export const DELETE = jsonRoute<{ id: string }>("apikeys.write", async (_req, ctx, { id }) => {
  await revokeApiKey({ ctx, input: { keyId: id } });
  return new Response(null, { status: 204 });
});
