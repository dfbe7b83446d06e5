import type { Prisma } from "@/lib/db/generated/prisma/client";
import type { DbOrTx } from "@/lib/db/client";
import { NotFoundError } from "../errors";
import { clientDtoSelect } from "./client-dto";

/** A server's client by its row id ("cli_…") or its public client_id; scoped to the server. */
export async function findClientOrThrow(db: DbOrTx | Prisma.TransactionClient, serverId: string, idOrClientId: string) {
  const client = await db.oAuthClient.findFirst({
    where: { serverId, OR: [{ id: idOrClientId }, { clientId: idOrClientId }] },
    select: clientDtoSelect,
  });
  if (!client) throw new NotFoundError("Client");
  return client;
}

export async function findServerIdOrThrow(
  db: DbOrTx | Prisma.TransactionClient,
  slug: string,
): Promise<{ id: string; slug: string; scopes: string[] }> {
  const server = await db.mcpServer.findUnique({
    where: { slug },
    select: { id: true, slug: true, scopes: { select: { name: true } } },
  });
  if (!server) throw new NotFoundError("MCP server");
  return { id: server.id, slug: server.slug, scopes: server.scopes.map((s) => s.name) };
}
