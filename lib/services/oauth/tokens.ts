// Minting: access tokens (signed JWTs, no database row) and refresh tokens (random, stored hashed).
import { hashSecret } from "@/lib/oauth/client-credentials-secret";
import { signAccessToken, type AccessTokenClaims } from "@/lib/oauth/access-token";
import { formatScope } from "@/lib/oauth/scope";
import type { ServiceContext } from "../context";
import type { OAuthServer } from "./oauth-server";
import { activeSigningKey } from "./signing-keys";
import { allocateStatus } from "./status-lists";
import { randomToken } from "@/lib/ids";

export const REFRESH_TOKEN_PREFIX = "ghr_";

export interface TokenResponse {
  access_token: string;
  /** RFC 9449 §5: "DPoP" when the access token is bound to the proof's key. */
  token_type: "Bearer" | "DPoP";
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

export async function mintAccessToken(
  ctx: ServiceContext,
  server: OAuthServer,
  grant: {
    sub: string;
    clientId: string;
    /** The client's row id: its status list entry dies with the client (status-lists.ts). */
    clientRowId: string;
    scopes: string[];
    resource: string;
    familyId?: string;
    dpopJkt?: string;
  },
  now: Date,
): Promise<{ token: string; claims: AccessTokenClaims }> {
  const iat = Math.floor(now.getTime() / 1000);
  const jti = randomToken(16);
  const status = await allocateStatus(
    ctx,
    server,
    { jti, clientRowId: grant.clientRowId, familyId: grant.familyId },
    now,
  );
  const claims: AccessTokenClaims = {
    iss: server.issuer,
    sub: grant.sub,
    aud: grant.resource,
    client_id: grant.clientId,
    scope: formatScope(grant.scopes),
    iat,
    exp: iat + server.accessTokenTtl,
    jti,
    ...(grant.familyId ? { fam: grant.familyId } : {}),
    ...(grant.dpopJkt ? { cnf: { jkt: grant.dpopJkt } } : {}),
    status,
  };
  return { token: await signAccessToken(claims, await activeSigningKey(ctx)), claims };
}

export function newRefreshToken(): { token: string; hash: string } {
  const token = `${REFRESH_TOKEN_PREFIX}${randomToken(32)}`;
  return { token, hash: hashSecret(token) };
}

/** The token_type a response names: DPoP when the access token carries cnf.jkt (RFC 9449 §5). */
export function tokenTypeFor(dpopJkt: string | undefined): "Bearer" | "DPoP" {
  return dpopJkt ? "DPoP" : "Bearer";
}
