// Is a (signature-valid, unexpired) access token still good? Revocation is immediate wherever
// Gatehouse is asked: introspection and the demo MCP server call this on every request. A token
// dies with its jti (revoked), its client (disabled or deleted), its grant (refresh family revoked,
// consent revoked: the family cascades away with it) or its user (disabled).
import type { AccessTokenClaims } from "@/lib/oauth/access-token";
import { CLIENT_SUBJECT_PREFIX } from "@/lib/oauth/access-token";
import { dbOf, type ServiceContext } from "../context";

export async function isAccessTokenActive(ctx: ServiceContext, serverId: string, claims: AccessTokenClaims): Promise<boolean> {
  const db = dbOf(ctx);
  const [denied, client, family] = await Promise.all([
    db.revokedAccessToken.findUnique({ where: { jti: claims.jti }, select: { jti: true } }),
    db.oAuthClient.findUnique({ where: { serverId_clientId: { serverId, clientId: claims.client_id } }, select: { id: true, disabledAt: true } }),
    claims.fam
      ? db.refreshFamily.findUnique({ where: { id: claims.fam }, select: { clientId: true, revokedAt: true, userId: true } })
      : Promise.resolve(null),
  ]);
  if (denied || !client || client.disabledAt) return false;
  if (claims.sub.startsWith(CLIENT_SUBJECT_PREFIX)) return claims.fam === undefined;
  if (!family || family.revokedAt || family.clientId !== client.id || family.userId !== claims.sub) return false;
  const user = await db.user.findUnique({ where: { id: claims.sub }, select: { disabledAt: true } });
  return user !== null && user.disabledAt === null;
}
