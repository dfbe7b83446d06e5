import { requirePermission } from "../authz";
import { dbOf, type ServiceContext } from "../context";
import { NotFoundError } from "../errors";
import { serverDtoInclude, toServerDto, type ServerDto } from "./server-dto";

export async function listServers({ ctx }: { ctx: ServiceContext }): Promise<ServerDto[]> {
  requirePermission(ctx, "servers.read");
  const rows = await dbOf(ctx).mcpServer.findMany({
    include: { ...serverDtoInclude, _count: { select: { clients: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => toServerDto(r, r._count.clients));
}

export async function getServerBySlug({ ctx, slug }: { ctx: ServiceContext; slug: string }): Promise<ServerDto> {
  requirePermission(ctx, "servers.read");
  const row = await dbOf(ctx).mcpServer.findUnique({ where: { slug }, include: serverDtoInclude });
  if (!row) throw new NotFoundError("MCP server");
  return toServerDto(row);
}
