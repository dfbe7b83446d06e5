import { jsonRoute } from "@/lib/api/json-route";
import { createServer, listServers } from "@/lib/services";

export const GET = jsonRoute("servers.read", async (_req, ctx) => ({ servers: await listServers({ ctx }) }));

export const POST = jsonRoute("servers.write", async (req, ctx) => {
  const body: unknown = await req.json().catch(() => null);
  const server = await createServer({ ctx, input: (body ?? {}) as Record<string, unknown> });
  return Response.json({ server }, { status: 201 });
});
