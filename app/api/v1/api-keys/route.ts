import { idempotent } from "@/lib/api/idempotency";
import { jsonRoute, readBody } from "@/lib/api/json-route";
import { CreateApiKeyBody } from "@/lib/api/openapi/paths/settings";
import { createApiKey, listApiKeys } from "@/lib/services";

/** Every key, newest first, revoked ones included; never a key or its hash. */
export const GET = jsonRoute("apikeys.write", async (_req, ctx) => ({ apiKeys: await listApiKeys({ ctx }) }));

/** `{ apiKey, token }`: the token is in this answer only (only its hash is stored). */
export const POST = jsonRoute(
  "apikeys.write",
  idempotent(async (req, ctx) => {
    const input = await readBody(req, CreateApiKeyBody);
    return Response.json(await createApiKey({ ctx, input }), { status: 201, headers: { "Cache-Control": "no-store" } });
  }),
);
