// An MCP server as the protocol endpoints see it. Read on every protocol request, so it is
// cached per process for a second: settings changes show up almost at once on every instance.
import { issuerFor } from "../servers/server-dto";
import { dbOf, type ServiceContext } from "../context";
import { processCache } from "../process-cache";

export interface OAuthServer {
  id: string;
  slug: string;
  name: string;
  issuer: string;
  /** The RFC 8707 resource identifier: the only audience this server's tokens carry. */
  resource: string;
  scopes: { name: string; description: string }[];
  /** Granted when an authorization request names no scope. */
  defaultScopes: string[];
  accessTokenTtl: number;
  refreshTokenTtl: number;
  refreshGraceSeconds: number;
  /** Seconds a resource server may cache a Token Status List (status-lists.ts). */
  statusListTtl: number;
  dcrEnabled: boolean;
  /** The DCR policy /register enforces (lib/schemas/dcr-policy.ts); dcrEnabled is its master switch. */
  dcr: {
    mode: "OPEN" | "TOKEN" | "OFF";
    redirectPresets: string[];
    redirectCustom: string[];
    rateLimitPerHour: number;
    maxClients: number | null;
    requireApproval: boolean;
  };
  /** Client ID Metadata Documents: URL client_ids are fetched, subject to the host policy. */
  cimd: { enabled: boolean; trust: "ANY" | "ALLOWLIST" | "DENYLIST"; hosts: string[] };
}

const CACHE_MS = 1_000;
const cache = processCache<OAuthServer | null>("__gatehouseOAuthServerCache", CACHE_MS);

export function loadOAuthServer(ctx: ServiceContext, slug: string): Promise<OAuthServer | null> {
  return ctx.db ? readOAuthServer(ctx, slug) : cache.get(slug, () => readOAuthServer(ctx, slug));
}

async function readOAuthServer(ctx: ServiceContext, slug: string): Promise<OAuthServer | null> {
  const row = await dbOf(ctx).mcpServer.findUnique({
    where: { slug },
    include: { scopes: { orderBy: [{ position: "asc" }, { name: "asc" }] } },
  });
  const value: OAuthServer | null = row && {
    id: row.id,
    slug: row.slug,
    name: row.name,
    issuer: issuerFor(row.slug),
    resource: row.resourceUrl,
    scopes: row.scopes.map((s) => ({ name: s.name, description: s.description })),
    defaultScopes: row.scopes.filter((s) => s.isDefault).map((s) => s.name),
    accessTokenTtl: row.accessTokenTtl,
    refreshTokenTtl: row.refreshTokenTtl,
    refreshGraceSeconds: row.refreshGraceSeconds,
    statusListTtl: row.statusListTtl,
    // The services keep the two in step; should a row disagree, "off" wins everywhere.
    dcrEnabled: row.dcrEnabled && row.dcrMode !== "OFF",
    dcr: {
      mode: row.dcrMode,
      redirectPresets: row.dcrRedirectPresets,
      redirectCustom: row.dcrRedirectCustom,
      rateLimitPerHour: row.dcrRateLimitPerHour,
      maxClients: row.dcrMaxClients,
      requireApproval: row.dcrRequireApproval,
    },
    cimd: { enabled: row.cimdEnabled, trust: row.cimdTrust, hosts: row.cimdHosts },
  };
  return value;
}

/** After a settings change, so this instance applies it at once (others within CACHE_MS). */
export function forgetOAuthServer(...slugs: string[]): void {
  for (const slug of slugs) cache.delete(slug);
}

/** Another instance changed a server's scopes (known by id, not slug), or a notification was lost. */
export function forgetAllOAuthServers(): void {
  cache.clear();
}
