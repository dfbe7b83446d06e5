import { canonicalResourceUrl } from "@/lib/oauth/resource";
import { ServerInput } from "@/lib/schemas/servers";
import { resolveDcrMode } from "@/lib/schemas/dcr-policy";
import { newId } from "@/lib/ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { uniqueViolationFields } from "../prisma-errors";
import { withTx } from "../transaction";
import { cimdPolicyData } from "./cimd-policy-data";
import { dcrPolicyData } from "./dcr-policy-data";
import { serverDtoInclude, serverSnapshot, toServerDto, type ServerDto } from "./server-dto";
import { assertServerFieldsFree, conflictFromUniqueViolation } from "./unique-server-fields";

export async function createServer({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ServerInput | Record<string, unknown>;
}): Promise<ServerDto> {
  requirePermission(ctx, "servers.write");
  const v = ServerInput.parse(input);
  const resourceUrl = canonicalResourceUrl(v.resourceUrl);
  try {
    return await withTx(ctx, async (tx) => {
      await assertServerFieldsFree(tx, { slug: v.slug, resourceUrl });
      const created = await tx.mcpServer.create({
        data: {
          id: newId("server"),
          slug: v.slug,
          name: v.name,
          description: v.description,
          resourceUrl,
          accessTokenTtl: v.accessTokenTtl,
          refreshTokenTtl: v.refreshTokenTtl,
          refreshGraceSeconds: v.refreshGraceSeconds,
          statusListTtl: v.statusListTtl,
          ...resolveDcrMode(v),
          ...dcrPolicyData(v),
          ...cimdPolicyData(v),
          createdById: ctx.actor.type === "user" ? ctx.actor.userId : null,
          scopes: {
            create: v.scopes.map((s, position) => ({
              id: newId("scope"),
              name: s.name,
              description: s.description,
              position,
            })),
          },
        },
        include: serverDtoInclude,
      });
      const dto = toServerDto(created);
      await recordAudit(tx, ctx, {
        action: "server.created",
        target: { type: "server", id: dto.id, label: dto.name },
        serverId: dto.id,
        details: { after: serverSnapshot(dto) },
      });
      return dto;
    });
  } catch (err) {
    const fields = uniqueViolationFields(err);
    if (fields) throw conflictFromUniqueViolation(fields);
    throw err;
  }
}
