// The official MCP SDK's own bearer middleware (`requireBearerAuth({ verifier })`) takes an
// OAuthTokenVerifier. This one checks signature, issuer, audience, type, expiry and the status list;
// DPoP and per-request scopes need the request, so prefer authorizeNode / requireAccess where you can.
import { InvalidTokenError } from "@modelcontextprotocol/sdk/server/auth/errors.js";
import type { OAuthTokenVerifier } from "@modelcontextprotocol/sdk/server/auth/provider.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { parseScope } from "../scopes.ts";
import type { ResourceVerifier } from "../verifier.ts";

export function sdkTokenVerifier(verifier: ResourceVerifier): OAuthTokenVerifier {
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      const result = await verifier.verifyToken(token);
      if (!result.ok) throw new InvalidTokenError(`The access token is not accepted (${result.reason}).`);
      const { claims } = result;
      if (claims.cnf?.jkt)
        throw new InvalidTokenError("The access token is DPoP-bound; this middleware cannot check DPoP.");
      return {
        token,
        clientId: claims.client_id,
        scopes: parseScope(claims.scope),
        expiresAt: claims.exp,
        resource: new URL(verifier.resource),
        extra: { sub: claims.sub },
      };
    },
  };
}
