// An MCP server as the protocol endpoints see it. Read on every protocol request, so it is
// cached per process for a second: settings changes show up almost at once on every instance.
import { issuerFor } from "../servers/server-dto";
import { dbOf, type ServiceContext } from "../context";

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
  dcrEnabled: boolean;
}

const CACHE_MS = 1_000;
const cache = new Map<string, { value: OAuthServer | null; at: number }>();

export async function loadOAuthServer(ctx: ServiceContext, slug: string): Promise<OAuthServer | null> {
  const hit = ctx.db ? undefined : cache.get(slug);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
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
    dcrEnabled: row.dcrEnabled,
  };
  if (!ctx.db) cache.set(slug, { value, at: Date.now() });
  return value;
}
