// grant_type=client_credentials (OAuth 2.1 §4.2, checklist §10): confidential clients acting on
// their own behalf. No refresh token, and no database write per token: the JWT is the record.
import { canonicalResourceOrNull } from "@/lib/oauth/authorize-request";
import { CLIENT_SUBJECT_PREFIX } from "@/lib/oauth/access-token";
import { OAuthError } from "@/lib/oauth/errors";
import { clientScopeCeiling, formatScope, isSubset, parseScope } from "@/lib/oauth/scope";
import type { ServiceContext } from "../../context";
import type { OAuthClientRecord } from "../oauth-client";
import type { OAuthServer } from "../oauth-server";
import { mintAccessToken, tokenTypeFor, type TokenResponse } from "../tokens";

export async function clientCredentialsGrant(
  ctx: ServiceContext,
  server: OAuthServer,
  client: OAuthClientRecord,
  input: { scope: string | undefined; resources: string[]; dpopJkt?: string },
  now = new Date(),
): Promise<TokenResponse> {
  if (!client.isConfidential || !client.grantTypes.includes("client_credentials")) {
    throw new OAuthError("unauthorized_client", "This client may not use the client-credentials grant.");
  }
  if (client.approvalStatus === "PENDING")
    throw new OAuthError(
      "unauthorized_client",
      "This client awaits an administrator's approval: it gets no tokens until then.",
    );
  for (const r of input.resources) {
    if (canonicalResourceOrNull(r) !== server.resource)
      throw new OAuthError("invalid_target", `This authorization server issues tokens only for ${server.resource}.`);
  }
  const ceiling = clientScopeCeiling(
    client.allowedScopes,
    server.scopes.map((s) => s.name),
  );
  const scopes = input.scope === undefined ? ceiling : parseScope(input.scope);
  if (!isSubset(scopes, ceiling))
    throw new OAuthError("invalid_scope", "The requested scope is not allowed for this client.");
  const { token } = await mintAccessToken(
    ctx,
    server,
    {
      sub: `${CLIENT_SUBJECT_PREFIX}${client.clientId}`,
      clientId: client.clientId,
      clientRowId: client.id,
      scopes,
      resource: server.resource,
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
