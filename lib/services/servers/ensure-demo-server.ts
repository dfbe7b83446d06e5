import { env } from "@/lib/env";
import { dbOf, type ServiceContext } from "../context";
import { createServer } from "./create-server";

/**
 * The first start creates the `demo` MCP server (Gatehouse's built-in demo resource), so a fresh
 * install can show the whole flow. "First" means no server was ever created: the audit log is
 * append-only, so a demo server an admin later removes does not come back.
 */
export async function ensureDemoServer(ctx: ServiceContext): Promise<boolean> {
  const db = dbOf(ctx);
  const everCreated = await db.auditEvent.findFirst({ where: { action: "server.created" }, select: { id: true } });
  if (everCreated || (await db.mcpServer.findFirst({ select: { id: true } }))) return false;
  try {
    await createServer({
      ctx,
      input: {
        name: "Demo MCP server",
        slug: "demo",
        resourceUrl: `${env().GATEHOUSE_URL}/mcp/demo`,
        description:
          "Gatehouse's built-in demo MCP server, with the tools whoami and echo, and server_settings for step-up.",
        scopes: [
          { name: "mcp:tools", description: "Use the demo server's tools" },
          // The step-up scope: asked for only when a client calls server_settings.
          { name: "mcp:admin", description: "See the demo server's settings (includes mcp:tools)" },
        ],
        dcrEnabled: true,
        // The recommended registration path (MCP 2025-11-25 and later): metadata-document clients.
        cimdEnabled: true,
      },
    });
  } catch (err) {
    // Several instances starting together on a fresh PostgreSQL database all see no server, and
    // one wins the unique slug: the others find its demo server and carry on.
    if (await db.mcpServer.findUnique({ where: { slug: "demo" }, select: { id: true } })) return false;
    throw err;
  }
  return true;
}
