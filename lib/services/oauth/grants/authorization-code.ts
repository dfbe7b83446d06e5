// grant_type=authorization_code (OAuth 2.1 §4.1.3, checklist §8). A code is single use, lives 60 s,
// and is bound to client, redirect URI, PKCE challenge, scopes, resource and user. A valid replay
// (right client, right verifier) is refused and revokes everything the code issued (CODE-02); a
// replay with wrong parameters is refused without revoking anything, so it cannot be used to
// knock out someone else's tokens.
import { hashSecret } from "@/lib/oauth/client-credentials-secret";
import { OAuthError } from "@/lib/oauth/errors";
import { verifyPkce } from "@/lib/oauth/pkce";
import { canonicalResourceOrNull } from "@/lib/oauth/authorize-request";
import { formatScope } from "@/lib/oauth/scope";
import { recordAudit } from "../../audit/record-audit";
import type { ServiceContext } from "../../context";
import { withTx } from "../../transaction";
import type { OAuthClientRecord } from "../oauth-client";
import type { OAuthServer } from "../oauth-server";
import { mintAccessToken, newRefreshToken, tokenTypeFor, type TokenResponse } from "../tokens";
import { newId } from "@/lib/ids";

export interface CodeExchange {
  code: string;
  codeVerifier: string | undefined;
  redirectUri: string | undefined;
  resources: string[];
  /** The DPoP proof's key thumbprint, when the request carried one (RFC 9449 §5). */
  dpopJkt?: string;
}

export async function exchangeAuthorizationCode(
  ctx: ServiceContext,
  server: OAuthServer,
  client: OAuthClientRecord,
  input: CodeExchange,
  now = new Date(),
): Promise<TokenResponse> {
  if (!client.grantTypes.includes("authorization_code"))
    throw new OAuthError("unauthorized_client", "This client may not use the authorization-code grant.");
  if (!input.codeVerifier) throw new OAuthError("invalid_request", "code_verifier is required (PKCE).");
  const hash = hashSecret(input.code);

  const outcome = await withTx(ctx, async (tx) => {
    const code = await tx.authorizationCode.findUnique({ where: { hash } });
    if (!code || code.serverId !== server.id)
      return { error: new OAuthError("invalid_grant", "The authorization code is invalid.") };
    if (code.clientId !== client.id)
      return { error: new OAuthError("invalid_grant", "The authorization code was issued to another client.") };
    if (!verifyPkce(input.codeVerifier!, code.codeChallenge))
      return { error: new OAuthError("invalid_grant", "The code_verifier does not match the code_challenge.") };
    if (input.redirectUri !== undefined ? input.redirectUri !== code.redirectUri : code.redirectUriGiven) {
      return { error: new OAuthError("invalid_grant", "redirect_uri does not match the authorization request.") };
    }
    if (code.usedAt) {
      // A valid replay: someone else may hold the code. Revoke what the first redemption issued.
      if (code.familyId)
        await tx.refreshFamily.updateMany({
          where: { id: code.familyId, revokedAt: null },
          data: { revokedAt: now, revokedReason: "code_replayed" },
        });
      await recordAudit(tx, ctx, {
        action: "authorization_code.replayed",
        target: { type: "client", id: client.id, label: client.name },
        serverId: server.id,
        details: { familyRevoked: code.familyId },
      });
      return {
        error: new OAuthError(
          "invalid_grant",
          "The authorization code was already used; tokens issued from it are revoked.",
        ),
        commit: true,
      };
    }
    // RFC 9449 §10.1: a code bound with dpop_jkt is redeemed only with a proof of that key.
    if (code.dpopJkt !== null && code.dpopJkt !== input.dpopJkt)
      return {
        error: new OAuthError(
          "invalid_grant",
          input.dpopJkt
            ? "The DPoP proof's key is not the one the authorization request was bound to (dpop_jkt)."
            : "The authorization request was bound to a DPoP key (dpop_jkt): send a DPoP proof signed with it.",
        ),
      };
    if (code.expiresAt <= now) return { error: new OAuthError("invalid_grant", "The authorization code has expired.") };
    for (const r of input.resources) {
      if (canonicalResourceOrNull(r) !== code.resource)
        return { error: new OAuthError("invalid_target", "resource differs from the one authorized.") };
    }
    // FOR SHARE: a concurrent revocation of this consent waits for this redemption (and then
    // cascades to what it issued), or wins first and this one sees no consent.
    const consent = (
      await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Consent" WHERE "id" = ${code.consentId} FOR SHARE`
    )[0];
    const user = await tx.user.findUnique({ where: { id: code.userId }, select: { disabledAt: true } });
    if (!consent || !user || user.disabledAt)
      return { error: new OAuthError("invalid_grant", "The authorization behind this code was revoked.") };

    // Claim the code: only one concurrent redemption can flip usedAt from null.
    const familyId = newId("family");
    const claimed = await tx.authorizationCode.updateMany({
      where: { hash, usedAt: null },
      data: { usedAt: now, familyId },
    });
    if (claimed.count !== 1)
      return { error: new OAuthError("invalid_grant", "The authorization code was already used.") };

    const issueRefresh = client.grantTypes.includes("refresh_token");
    const refresh = newRefreshToken();
    await tx.refreshFamily.create({
      data: {
        id: familyId,
        serverId: server.id,
        clientId: client.id,
        userId: code.userId,
        consentId: code.consentId,
        scopes: code.scopes,
        resource: code.resource,
        // RFC 9449 §5: a public client's refresh tokens are bound to the proof's key.
        dpopJkt: !client.isConfidential && input.dpopJkt ? input.dpopJkt : null,
        expiresAt: new Date(now.getTime() + server.refreshTokenTtl * 1000),
        ...(issueRefresh
          ? {
              tokens: {
                create: { hash: refresh.hash, expiresAt: new Date(now.getTime() + server.refreshTokenTtl * 1000) },
              },
            }
          : {}),
      },
    });
    await tx.consent.update({ where: { id: code.consentId }, data: { lastUsedAt: now } });
    return {
      grant: {
        userId: code.userId,
        scopes: code.scopes,
        resource: code.resource,
        familyId,
        refreshToken: issueRefresh ? refresh.token : undefined,
      },
    };
  });

  if ("error" in outcome && outcome.error) throw outcome.error;
  const grant = (
    outcome as {
      grant: { userId: string; scopes: string[]; resource: string; familyId: string; refreshToken?: string };
    }
  ).grant;
  const { token } = await mintAccessToken(
    ctx,
    server,
    {
      sub: grant.userId,
      clientId: client.clientId,
      clientRowId: client.id,
      scopes: grant.scopes,
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
    scope: formatScope(grant.scopes),
    ...(grant.refreshToken ? { refresh_token: grant.refreshToken } : {}),
  };
}
