// Clients as the protocol endpoints need them, secrets' hashes included (never leaves the server).
// Cached per process for a second: the token endpoint's hot path reads no row for a busy client,
// and disabling a client takes effect within that second (introspection re-checks uncached).
import { processWide } from "@/lib/process-state";
import { dbOf, type ServiceContext } from "../context";
import { processCache } from "../process-cache";

export interface OAuthClientRecord {
  id: string;
  serverId: string;
  clientId: string;
  name: string;
  logoUri: string | null;
  registration: "MANUAL" | "DYNAMIC" | "METADATA_DOCUMENT";
  isConfidential: boolean;
  /** RFC 9449 §5.2 dpop_bound_access_tokens: every token request must carry a DPoP proof. */
  dpopBoundAccessTokens: boolean;
  tokenEndpointAuthMethod: string;
  /** private_key_jwt: the registered public keys, or the URL serving them. */
  jwks: unknown;
  jwksUri: string | null;
  grantTypes: string[];
  redirectUris: string[];
  allowedScopes: string[];
  secretHash: string | null;
  previousSecretHash: string | null;
  previousSecretExpiresAt: Date | null;
  disabledAt: Date | null;
  lastUsedAt: Date | null;
  /** DCR clients may wait for an admin's approval: no authorization and no tokens until then. */
  approvalStatus: "APPROVED" | "PENDING";
  /** CIMD clients: until when the fetched metadata document is fresh. */
  cimdExpiresAt: Date | null;
}

const select = {
  id: true,
  serverId: true,
  clientId: true,
  name: true,
  logoUri: true,
  registration: true,
  isConfidential: true,
  dpopBoundAccessTokens: true,
  tokenEndpointAuthMethod: true,
  jwks: true,
  jwksUri: true,
  grantTypes: true,
  redirectUris: true,
  allowedScopes: true,
  secretHash: true,
  previousSecretHash: true,
  previousSecretExpiresAt: true,
  disabledAt: true,
  lastUsedAt: true,
  approvalStatus: true,
  cimdExpiresAt: true,
} as const;

const CACHE_MS = 1_000;
const cache = processCache<OAuthClientRecord | null>("__gatehouseOAuthClientCache", CACHE_MS);

export function findOAuthClient(
  ctx: ServiceContext,
  serverId: string,
  clientId: string,
): Promise<OAuthClientRecord | null> {
  const read = () => dbOf(ctx).oAuthClient.findUnique({ where: { serverId_clientId: { serverId, clientId } }, select });
  return ctx.db ? read() : cache.get(`${serverId} ${clientId}`, read);
}

/** After a write (a re-fetched metadata document), so the next read sees it at once. */
export function forgetOAuthClient(serverId: string, clientId: string): void {
  cache.delete(`${serverId} ${clientId}`);
}

/** A lost invalidation notification: any client may be stale. */
export function forgetAllOAuthClients(): void {
  cache.clear();
}

const lastTouched = processWide("oauthClient.lastTouched", () => new Map<string, number>());

/** "Last used" moves at most once a minute per client: one cheap write, not one per token. */
export async function touchClient(ctx: ServiceContext, client: OAuthClientRecord, now = new Date()): Promise<void> {
  const prev = lastTouched.get(client.id) ?? client.lastUsedAt?.getTime() ?? 0;
  if (now.getTime() - prev < 60_000) return;
  lastTouched.set(client.id, now.getTime());
  await dbOf(ctx).oAuthClient.updateMany({ where: { id: client.id }, data: { lastUsedAt: now } });
}
