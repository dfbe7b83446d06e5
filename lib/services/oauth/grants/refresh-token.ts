// grant_type=refresh_token (OAuth 2.1 §4.3, checklist §9). Every use rotates the token. Presenting a
// rotated token again is reuse: the whole family is revoked (RT-02) — except within the server's
// grace window (default 30 s), where a concurrent refresh with the token that was just rotated gets
// the same successor, because MCP clients often refresh from several processes at once (RT-12).
import { hashSecret } from "@/lib/oauth/client-credentials-secret";
import { canonicalResourceOrNull } from "@/lib/oauth/authorize-request";
import { OAuthError } from "@/lib/oauth/errors";
import { formatScope, isSubset, parseScope } from "@/lib/oauth/scope";
import { seal, unseal } from "@/lib/crypto/seal";
import { metrics } from "@/lib/metrics/metrics";
import { recordAudit } from "../../audit/record-audit";
import type { ServiceContext } from "../../context";
import { withTx } from "../../transaction";
import type { OAuthClientRecord } from "../oauth-client";
import type { OAuthServer } from "../oauth-server";
import { mintAccessToken, newRefreshToken, tokenTypeFor, type TokenResponse } from "../tokens";

const SEAL_PURPOSE = "refresh-successor";

export interface RefreshInput {
  refreshToken: string;
  scope: string | undefined;
  resources: string[];
  /** The DPoP proof's key thumbprint, when the request carried one (RFC 9449 §5). */
  dpopJkt?: string;
}

type Outcome =
  | { error: OAuthError; reuseDetected?: true }
  | { grant: { userId: string; familyId: string; familyScopes: string[]; resource: string; refreshToken: string } };

export async function refreshTokens(
  ctx: ServiceContext,
  server: OAuthServer,
  client: OAuthClientRecord,
  input: RefreshInput,
  now = new Date(),
): Promise<TokenResponse> {
  if (!client.grantTypes.includes("refresh_token"))
    throw new OAuthError("unauthorized_client", "This client may not use refresh tokens.");
  const hash = hashSecret(input.refreshToken);
  const invalid = (why: string): Outcome => ({ error: new OAuthError("invalid_grant", why) });

  const outcome = await withTx(ctx, async (tx): Promise<Outcome> => {
    const found = await tx.refreshToken.findUnique({ where: { hash }, select: { familyId: true } });
    if (!found) return invalid("The refresh token is invalid.");
    // Lock the family: concurrent refreshes of one family take turns, and a revocation (which
    // deletes or revokes the family) either happens before — then this sees it — or waits.
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT "id" FROM "RefreshFamily" WHERE "id" = ${found.familyId} FOR UPDATE`;
    if (locked.length === 0) return invalid("The refresh token was revoked.");
    const token = await tx.refreshToken.findUnique({ where: { hash }, include: { family: true } });
    if (!token || token.family.serverId !== server.id) return invalid("The refresh token is invalid.");
    const family = token.family;
    if (family.clientId !== client.id) return invalid("The refresh token was issued to another client.");
    if (family.revokedAt) return invalid("The refresh token was revoked.");
    if (token.expiresAt <= now) return invalid("The refresh token has expired.");
    // RFC 9449 §5: a bound refresh token needs a proof by the same key. Checked before rotation,
    // so a thief without the key cannot burn the family.
    if (family.dpopJkt && input.dpopJkt === undefined)
      return { error: new OAuthError("invalid_dpop_proof", "This refresh token is DPoP-bound: send a DPoP proof.") };
    if (family.dpopJkt && input.dpopJkt !== family.dpopJkt)
      return invalid("The refresh token is bound to another DPoP key.");
    const user = await tx.user.findUnique({ where: { id: family.userId }, select: { disabledAt: true } });
    if (!user || user.disabledAt) return invalid("The user's access was revoked.");
    for (const r of input.resources) {
      if (canonicalResourceOrNull(r) !== family.resource)
        return { error: new OAuthError("invalid_target", "resource is outside the original grant.") };
    }
    // Checked before anything rotates: a refused request must not cost the client its token.
    if (input.scope !== undefined && !isSubset(parseScope(input.scope), family.scopes)) {
      return { error: new OAuthError("invalid_scope", "The requested scope exceeds the original grant.") };
    }
    const base = { userId: family.userId, familyId: family.id, familyScopes: family.scopes, resource: family.resource };

    if (token.rotatedAt) {
      const graceEnds = token.rotatedAt.getTime() + server.refreshGraceSeconds * 1000;
      if (now.getTime() <= graceEnds && token.successorSealed) {
        return { grant: { ...base, refreshToken: unseal(SEAL_PURPOSE, token.successorSealed) } };
      }
      await tx.refreshFamily.update({
        where: { id: family.id },
        data: { revokedAt: now, revokedReason: "reuse_detected" },
      });
      await recordAudit(tx, ctx, {
        action: "refresh_token.reuse_detected",
        target: { type: "client", id: client.id, label: client.name },
        serverId: server.id,
        details: { familyId: family.id, userId: family.userId },
      });
      return {
        ...invalid("The refresh token was already used; this authorization has been revoked for safety."),
        reuseDetected: true,
      };
    }

    const next = newRefreshToken();
    const expiresAt = new Date(now.getTime() + server.refreshTokenTtl * 1000);
    // Only one concurrent refresh flips rotatedAt; a loser re-reads and takes the grace path.
    const claimed = await tx.refreshToken.updateMany({
      where: { hash, rotatedAt: null },
      data: { rotatedAt: now, successorHash: next.hash, successorSealed: seal(SEAL_PURPOSE, next.token) },
    });
    if (claimed.count !== 1) {
      const winner = await tx.refreshToken.findUnique({ where: { hash } });
      if (winner?.successorSealed)
        return { grant: { ...base, refreshToken: unseal(SEAL_PURPOSE, winner.successorSealed) } };
      return invalid("The refresh token was already used.");
    }
    await tx.refreshToken.create({ data: { hash: next.hash, familyId: family.id, expiresAt } });
    await tx.refreshFamily.update({ where: { id: family.id }, data: { expiresAt } });
    await tx.consent.updateMany({ where: { id: family.consentId }, data: { lastUsedAt: now } });
    return { grant: { ...base, refreshToken: next.token } };
  });

  if ("error" in outcome) {
    // Counted once the family's revocation committed.
    if (outcome.reuseDetected) metrics.refreshReuse.inc();
    throw outcome.error;
  }
  const { grant } = outcome;
  const requested = input.scope === undefined ? grant.familyScopes : parseScope(input.scope);
  const { token } = await mintAccessToken(
    ctx,
    server,
    {
      sub: grant.userId,
      clientId: client.clientId,
      clientRowId: client.id,
      scopes: requested,
      resource: grant.resource,
      familyId: grant.familyId,
      dpopJkt: input.dpopJkt,
    },
    now,
  );
  return {
    access_token: token,
    token_type: tokenTypeFor(input.dpopJkt),
    expires_in: server.accessTokenTtl,
    scope: formatScope(requested),
    refresh_token: grant.refreshToken,
  };
}
