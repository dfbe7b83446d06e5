import { canonicalResourceUrl } from "@/lib/oauth/resource";
import { UpdateServerInput } from "@/lib/schemas/servers";
import { resolveDcrMode } from "@/lib/schemas/dcr-policy";
import { newId } from "@/lib/ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../authz";
import type { ServiceContext } from "../context";
import { NotFoundError } from "../errors";
import { uniqueViolationFields } from "../prisma-errors";
import { withTx } from "../transaction";
import { cimdPolicyData } from "./cimd-policy-data";
import { forgetOAuthServer } from "../oauth/oauth-server";
import { dcrPolicyData } from "./dcr-policy-data";
import { serverDtoInclude, serverSnapshot, toServerDto, type ServerDto } from "./server-dto";
import { assertServerFieldsFree, conflictFromUniqueViolation } from "./unique-server-fields";

/** Edits a server's settings and replaces its scope list; the audit event keeps before and after. */
export async function updateServer({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: UpdateServerInput | Record<string, unknown>;
}): Promise<ServerDto> {
  requirePermission(ctx, "servers.write");
  const v = UpdateServerInput.parse(input);
  const resourceUrl = canonicalResourceUrl(v.resourceUrl);
  try {
    const result = await withTx(ctx, async (tx) => {
      const current = await tx.mcpServer.findUnique({ where: { id: v.serverId }, include: serverDtoInclude });
      if (!current) throw new NotFoundError("MCP server");
      await assertServerFieldsFree(tx, { slug: v.slug, resourceUrl }, current.id);
      await tx.scope.deleteMany({ where: { serverId: current.id } });
      const updated = await tx.mcpServer.update({
        where: { id: current.id },
        data: {
          slug: v.slug,
          name: v.name,
          description: v.description,
          resourceUrl,
          accessTokenTtl: v.accessTokenTtl,
          refreshTokenTtl: v.refreshTokenTtl,
          refreshGraceSeconds: v.refreshGraceSeconds,
          statusListTtl: v.statusListTtl,
          ...resolveDcrMode(v, current),
          ...dcrPolicyData(v),
          ...cimdPolicyData(v),
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
      const before = toServerDto(current);
      const after = toServerDto(updated);
      await recordAudit(tx, ctx, {
        action: "server.updated",
        target: { type: "server", id: after.id, label: after.name },
        serverId: after.id,
        details: { before: serverSnapshot(before), after: serverSnapshot(after) },
      });
      return { after, previousSlug: current.slug };
    });
    forgetOAuthServer(result.previousSlug, result.after.slug);
    return result.after;
  } catch (err) {
    const fields = uniqueViolationFields(err);
    if (fields) throw conflictFromUniqueViolation(fields);
    throw err;
  }
}
