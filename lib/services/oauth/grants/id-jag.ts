// grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer with an ID-JAG (MCP Enterprise-Managed
// Authorization, SEP-990 §5): the company IdP's policy stands in for the consent screen. The
// assertion is checked (lib/oauth/id-jag.ts), its jti used once, the person resolved by the IdP's
// (issuer, sub) under the provider's rules (JIT creation, verified email, domains), and the access
// recorded as a consent "granted by <IdP> policy" — visible and revocable in the Consents tab like
// any other. No refresh token: the client asks the IdP for a new assertion, so the IdP's policy
// is consulted again for every access token (and a revoked consent is simply granted again by the
// next assertion, which the revoke dialog says).
import { canonicalResourceOrNull } from "@/lib/oauth/authorize-request";
import { OAuthError } from "@/lib/oauth/errors";
import { idJagScopes, JWT_BEARER_GRANT, verifyIdJag } from "@/lib/oauth/id-jag";
import { clientScopeCeiling, formatScope } from "@/lib/oauth/scope";
import { SSO_REFUSALS } from "@/lib/identity/refusals";
import { newId } from "@/lib/ids";
import { recordAudit } from "../../audit/record-audit";
import { grantConsent } from "../../consents/grant-consent";
import { dbOf, type ServiceContext } from "../../context";
import { findIdJagProvider, idJagKeys, type IdJagProvider } from "../../identity/id-jag-trust";
import { findOrCreateProviderUser, ProviderUserRefusal } from "../../identity/provider-user";
import { withTx } from "../../transaction";
import type { OAuthClientRecord } from "../oauth-client";
import type { OAuthServer } from "../oauth-server";
import { mintAccessToken, tokenTypeFor, type TokenResponse } from "../tokens";
import { consumeJti } from "../../replay/used-jwt-ids";

export interface IdJagInput {
  assertion: string;
  scope: string | undefined;
  resources: string[];
  /** The DPoP key thumbprint when the request carried a valid proof (RFC 9449 §5): the token is bound to it. */
  dpopJkt?: string;
}

/**
 * Who may present an ID-JAG: a confidential client (the assertion is a bearer credential; client
 * authentication binds it to its holder, SEP-990 §5) that registered the grant type, or that an
 * administrator pre-registered (its grant types follow from its redirect URIs, and trusting an
 * IdP for the server is the administrator's decision).
 */
function mayUseIdJag(client: OAuthClientRecord): boolean {
  return client.isConfidential && (client.grantTypes.includes(JWT_BEARER_GRANT) || client.registration === "MANUAL");
}

export async function idJagGrant(
  ctx: ServiceContext,
  server: OAuthServer,
  client: OAuthClientRecord,
  input: IdJagInput,
  now = new Date(),
): Promise<TokenResponse> {
  if (!mayUseIdJag(client))
    throw new OAuthError(
      "unauthorized_client",
      "This client may not use the jwt-bearer grant: it must be a confidential client registered for it.",
    );
  if (client.approvalStatus === "PENDING")
    throw new OAuthError("unauthorized_client", "This client awaits an administrator's approval.");
  for (const r of input.resources) {
    if (canonicalResourceOrNull(r) !== server.resource)
      throw new OAuthError("invalid_target", `This authorization server issues tokens only for ${server.resource}.`);
  }

  let provider: IdJagProvider | null = null;
  const claims = await verifyIdJag(
    input.assertion,
    { issuer: server.issuer, resource: server.resource, clientId: client.clientId, now },
    async (iss) => {
      provider = await findIdJagProvider(dbOf(ctx), server.id, iss);
      return provider ? idJagKeys(provider) : undefined;
    },
  );
  const trusted = provider as IdJagProvider | null;
  if (!trusted) throw new OAuthError("invalid_grant", "The assertion's issuer is not trusted by this MCP server.");
  const scopes = idJagScopes(
    input.scope,
    claims.scopes,
    clientScopeCeiling(
      client.allowedScopes,
      server.scopes.map((s) => s.name),
    ),
  );

  const granted = await withTx(ctx, async (tx) => {
    const first = await consumeJti(
      { ...ctx, db: tx },
      {
        kind: "id_jag",
        issuer: claims.iss,
        jti: claims.jti,
        // Past exp plus the clock skew the assertion was accepted with.
        expiresAt: new Date(claims.exp * 1000 + 60_000),
      },
    );
    if (!first) throw new OAuthError("invalid_grant", "This assertion was already used (its jti).");
    let user;
    try {
      user = await findOrCreateProviderUser(
        tx,
        ctx,
        trusted,
        {
          subject: claims.sub,
          email: claims.email?.toLowerCase() ?? null,
          emailVerified: claims.emailVerified === true,
          name: claims.name ?? null,
        },
        `id-jag:${trusted.slug}`,
      );
    } catch (err) {
      // Thrown, so the transaction rolls back whatever the lookup had linked or created.
      if (err instanceof ProviderUserRefusal)
        throw new OAuthError("invalid_grant", `The assertion's user is refused: ${SSO_REFUSALS[err.reason]}`);
      throw err;
    }
    const { consent, previousScopes, changed } = await grantConsent(tx, {
      serverId: server.id,
      clientId: client.id,
      userId: user.id,
      scopes,
      grantedByProviderId: trusted.id,
    });
    if (changed)
      await recordAudit(
        tx,
        { ...ctx, actor: { type: "system", label: `id-jag:${trusted.slug}` } },
        {
          action: "consent.granted",
          target: { type: "client", id: client.id, label: client.name },
          serverId: server.id,
          details: {
            clientId: client.clientId,
            userId: user.id,
            email: user.email,
            scopes: consent.scopes,
            previousScopes,
            grantedBy: { provider: trusted.slug, label: trusted.label, via: "id-jag" },
          },
        },
      );
    // A family without refresh tokens: what access tokens point at, so that revoking the consent
    // (which deletes its families) or disabling the user ends them at once.
    const familyId = newId("family");
    await tx.refreshFamily.create({
      data: {
        id: familyId,
        serverId: server.id,
        clientId: client.id,
        userId: user.id,
        consentId: consent.id,
        scopes,
        resource: server.resource,
        expiresAt: new Date(now.getTime() + server.accessTokenTtl * 1000),
      },
    });
    await tx.consent.update({ where: { id: consent.id }, data: { lastUsedAt: now } });
    return { userId: user.id, familyId };
  });

  const { token } = await mintAccessToken(
    ctx,
    server,
    {
      sub: granted.userId,
      clientId: client.clientId,
      clientRowId: client.id,
      scopes,
      resource: server.resource,
      familyId: granted.familyId,
      dpopJkt: input.dpopJkt,
    },
    now,
  );
  return {
    access_token: token,
    token_type: tokenTypeFor(input.dpopJkt),
    expires_in: server.accessTokenTtl,
    scope: formatScope(scopes),
  };
}
