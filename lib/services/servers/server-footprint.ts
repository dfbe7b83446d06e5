import type { DbOrTx } from "@/lib/db/client";
import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { NotFoundError } from "../errors";

/** What an MCP server holds, which its deletion takes down (the Danger zone shows it first). */
export interface ServerFootprint {
  clients: number;
  consents: number;
  /** Refresh-token families: one per authorization; their access tokens die with them. */
  authorizations: number;
  initialAccessTokens: number;
  scopes: number;
}

/** Counted the same way before a delete (to warn) and inside it (for the audit event). */
export async function countServerContents(db: DbOrTx, serverId: string): Promise<ServerFootprint> {
  // One after another: inside a transaction the queries share one connection anyway.
  const where = { serverId };
  return {
    clients: await db.oAuthClient.count({ where }),
    consents: await db.consent.count({ where }),
    authorizations: await db.refreshFamily.count({ where }),
    initialAccessTokens: await db.initialAccessToken.count({ where }),
    scopes: await db.scope.count({ where }),
  };
}

export async function getServerFootprint({
  ctx,
  slug,
}: {
  ctx: ServiceContext;
  slug: string;
}): Promise<ServerFootprint> {
  requirePermission(ctx, "servers.read");
  const server = await dbOf(ctx).mcpServer.findUnique({ where: { slug }, select: { id: true } });
  if (!server) throw new NotFoundError("MCP server");
  return countServerContents(dbOf(ctx), server.id);
}
