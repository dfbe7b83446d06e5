// What revocation and introspection do to Gatehouse's tokens. Refresh tokens are looked up by hash;
// access tokens are JWTs, verified and then checked against the live state (token-status.ts).
import { hashSecret } from "@/lib/oauth/client-credentials-secret";
import { verifyAccessToken, type AccessTokenClaims } from "@/lib/oauth/access-token";
import type { Introspection } from "@/lib/oauth/introspection-endpoint";
import { dbOf, type ServiceContext } from "../context";
import type { OAuthClientRecord } from "./oauth-client";
import type { OAuthServer } from "./oauth-server";
import { verificationKey, verifiedSignatures } from "./signing-keys";
import { isAccessTokenActive } from "./token-status";
import { REFRESH_TOKEN_PREFIX } from "./tokens";

async function verifiedClaims(
  ctx: ServiceContext,
  server: OAuthServer,
  token: string,
): Promise<AccessTokenClaims | null> {
  const result = await verifyAccessToken(token, {
    issuer: server.issuer,
    audience: server.resource,
    getKey: (kid) => verificationKey(ctx, kid),
    signatures: verifiedSignatures(ctx),
  });
  return result.ok ? result.claims : null;
}

/** RFC 7009: revoke a refresh token's whole family, or deny-list an access token until it expires. */
export async function revokeToken(
  ctx: ServiceContext,
  server: OAuthServer,
  client: OAuthClientRecord,
  token: string,
): Promise<void> {
  const db = dbOf(ctx);
  if (token.startsWith(REFRESH_TOKEN_PREFIX)) {
    const row = await db.refreshToken.findUnique({
      where: { hash: hashSecret(token) },
      include: { family: { select: { id: true, clientId: true, serverId: true } } },
    });
    if (row && row.family.clientId === client.id && row.family.serverId === server.id) {
      await db.refreshFamily.updateMany({
        where: { id: row.family.id, revokedAt: null },
        data: { revokedAt: new Date(), revokedReason: "revoked_by_client" },
      });
    }
    return;
  }
  const claims = await verifiedClaims(ctx, server, token);
  if (!claims || claims.client_id !== client.clientId) return;
  await db.revokedAccessToken.upsert({
    where: { jti: claims.jti },
    create: { jti: claims.jti, expiresAt: new Date(claims.exp * 1000) },
    update: {},
  });
}

export async function introspectToken(
  ctx: ServiceContext,
  server: OAuthServer,
  token: string,
  now = new Date(),
): Promise<Introspection> {
  if (token.startsWith(REFRESH_TOKEN_PREFIX)) {
    const row = await dbOf(ctx).refreshToken.findUnique({
      where: { hash: hashSecret(token) },
      include: { family: { include: { client: { select: { clientId: true, disabledAt: true } } } } },
    });
    const f = row?.family;
    if (
      !row ||
      !f ||
      f.serverId !== server.id ||
      f.revokedAt ||
      row.rotatedAt ||
      row.expiresAt <= now ||
      f.client.disabledAt
    )
      return { active: false };
    const user = await dbOf(ctx).user.findUnique({ where: { id: f.userId }, select: { disabledAt: true } });
    if (!user || user.disabledAt) return { active: false };
    return {
      active: true,
      token_type: "refresh_token",
      client_id: f.client.clientId,
      sub: f.userId,
      scope: f.scopes.join(" "),
      aud: f.resource,
      iss: server.issuer,
      exp: Math.floor(row.expiresAt.getTime() / 1000),
      iat: Math.floor(row.createdAt.getTime() / 1000),
      ...(f.dpopJkt ? { cnf: { jkt: f.dpopJkt } } : {}),
    };
  }
  const claims = await verifiedClaims(ctx, server, token);
  if (!claims || !(await isAccessTokenActive(ctx, server.id, claims))) return { active: false };
  return {
    active: true,
    // RFC 9449 §6.2: a DPoP-bound token's type and confirmation, so the resource checks the proof.
    token_type: claims.cnf ? "DPoP" : "Bearer",
    client_id: claims.client_id,
    sub: claims.sub,
    scope: claims.scope,
    aud: claims.aud,
    iss: claims.iss,
    exp: claims.exp,
    iat: claims.iat,
    jti: claims.jti,
    ...(claims.cnf ? { cnf: claims.cnf } : {}),
  };
}
