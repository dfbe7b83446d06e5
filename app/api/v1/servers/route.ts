import { idempotent } from "@/lib/api/idempotency";
import { jsonRoute, readBody } from "@/lib/api/json-route";
import { CreateServerBody } from "@/lib/api/openapi/paths/servers";
import { createServer, listServers } from "@/lib/services";

export const GET = jsonRoute("servers.read", async (_req, ctx) => ({ servers: await listServers({ ctx }) }));

export const POST = jsonRoute(
  "servers.write",
  idempotent(async (req, ctx) => {
    const server = await createServer({ ctx, input: await readBody(req, CreateServerBody) });
    return Response.json({ server }, { status: 201, headers: { "Cache-Control": "no-store" } });
  }),
);
