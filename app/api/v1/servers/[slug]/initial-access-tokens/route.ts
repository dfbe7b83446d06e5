import { idempotent } from "@/lib/api/idempotency";
import { jsonRoute, readBody } from "@/lib/api/json-route";
import { CreateInitialAccessTokenBody } from "@/lib/api/openapi/paths/settings";
import { createInitialAccessToken, listInitialAccessTokens } from "@/lib/services";

type Params = { slug: string };

export const GET = jsonRoute<Params>("servers.read", async (_req, ctx, { slug }) => ({
  initialAccessTokens: await listInitialAccessTokens({ ctx, serverSlug: slug }),
}));

/** `{ initialAccessToken, token }`: the token is in this answer only (only its hash is stored). */
export const POST = jsonRoute<Params>(
  "servers.write",
  idempotent(async (req, ctx, { slug }) => {
    const input = await readBody(req, CreateInitialAccessTokenBody);
    return Response.json(await createInitialAccessToken({ ctx, serverSlug: slug, input }), {
      status: 201,
      headers: { "Cache-Control": "no-store" },
    });
  }),
);
