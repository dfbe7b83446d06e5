import { jsonRoute, readJsonObject } from "@/lib/api/json-route";
import { createServer, listServers } from "@/lib/services";

export const GET = jsonRoute("servers.read", async (_req, ctx) => ({ servers: await listServers({ ctx }) }));

export const POST = jsonRoute("servers.write", async (req, ctx) => {
  const server = await createServer({ ctx, input: await readJsonObject(req) });
  return Response.json({ server }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
