import { jsonRoute, readJsonObject } from "@/lib/api/json-route";
import { CreateApiKeyInput } from "@/lib/schemas/api-keys";
import { createApiKey, listApiKeys } from "@/lib/services";

/** Every key, newest first, revoked ones included; never a key or its hash. */
export const GET = jsonRoute("apikeys.write", async (_req, ctx) => ({ apiKeys: await listApiKeys({ ctx }) }));

/** `{ apiKey, token }`: the token is in this answer only (only its hash is stored). */
export const POST = jsonRoute("apikeys.write", async (req, ctx) => {
  const input = CreateApiKeyInput.parse(await readJsonObject(req));
  return Response.json(await createApiKey({ ctx, input }), { status: 201, headers: { "Cache-Control": "no-store" } });
});
