// Which identity providers an MCP server trusts for ID-JAG assertions, and their signing keys.
// Trust is explicit per provider and server (IdentityProvider.idJagServerIds, empty = none) and
// needs the provider enabled. Keys come from the provider's OIDC discovery (`jwks_uri`), fetched
// the way sign-in fetches them (lib/identity/oidc-client.ts), and are kept per process: jose's
// remote key set refetches on an unknown `kid` (at most every 30 s), so a key rotated at the IdP is
// picked up without a restart.
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import { discoverIdp } from "@/lib/identity/oidc-client";
import { processWide } from "@/lib/process-state";
import type { Prisma } from "@/lib/db/generated/prisma/client";
import { idpTransport } from "./provider-dto";

export interface IdJagProvider {
  id: string;
  slug: string;
  label: string;
  issuer: string;
  clientId: string;
  requireEmailVerified: boolean;
  allowedDomains: string[];
  jitEnabled: boolean;
  emailClaim: string;
  nameClaim: string;
}

/** The enabled provider with this issuer that this server trusts for ID-JAG, if any. */
export async function findIdJagProvider(
  db: Prisma.TransactionClient,
  serverId: string,
  issuer: string,
): Promise<IdJagProvider | null> {
  return db.identityProvider.findFirst({
    where: { issuer, enabled: true, idJagServerIds: { has: serverId } },
    select: {
      id: true,
      slug: true,
      label: true,
      issuer: true,
      clientId: true,
      requireEmailVerified: true,
      allowedDomains: true,
      jitEnabled: true,
      emailClaim: true,
      nameClaim: true,
    },
  });
}

interface CachedKeys {
  at: number;
  keys: Promise<JWTVerifyGetKey>;
}
/** Discovery is re-read after this long, so a moved jwks_uri is followed. */
const DISCOVERY_TTL_MS = 10 * 60_000;
const keySets = processWide("idJagKeySets", () => new Map<string, CachedKeys>());

export function idJagKeys(provider: Pick<IdJagProvider, "id" | "issuer" | "clientId">): Promise<JWTVerifyGetKey> {
  const cacheKey = `${provider.id} ${provider.issuer}`;
  const hit = keySets.get(cacheKey);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.keys;
  const keys = (async () => {
    const config = await discoverIdp(
      { issuer: provider.issuer, clientId: provider.clientId, clientSecret: null },
      idpTransport(),
    );
    const jwksUri = config.serverMetadata().jwks_uri;
    if (!jwksUri) throw new Error("The identity provider publishes no jwks_uri.");
    return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  })();
  const entry = { at: Date.now(), keys };
  keySets.set(cacheKey, entry);
  // A failed discovery is not remembered: the next assertion tries again.
  keys.catch(() => keySets.get(cacheKey) === entry && keySets.delete(cacheKey));
  return keys;
}
