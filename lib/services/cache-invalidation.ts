// What another instance's write means for this process's 1 s caches: the trigger of migration
// 20261204010000_cache_invalidation_notify names the changed entry in the NOTIFY payload, and this
// deletes exactly that entry. A payload it does not understand, and a reconnect of the listener
// (notifications sent while it was away are lost), forget everything: a cache miss costs a query,
// a stale entry could let a disabled client through for up to a second.
import type { Database } from "@/lib/db/client";
import { startProcessListener } from "@/lib/db/notification-listener";
import { metrics } from "@/lib/metrics/metrics";
import { forgetFailedAuth } from "./oauth/endpoints";
import { forgetAllOAuthClients, forgetOAuthClient } from "./oauth/oauth-client";
import { forgetAllOAuthServers, forgetOAuthServer } from "./oauth/oauth-server";

export const CACHE_CHANNEL = "gatehouse_cache";

export function invalidateCached(payload: string): void {
  const colon = payload.indexOf(":");
  const kind = colon < 0 ? "" : payload.slice(0, colon);
  const key = payload.slice(colon + 1);
  switch (kind) {
    case "server":
      return forgetOAuthServer(key);
    case "server-id":
      return forgetAllOAuthServers();
    case "client": {
      const space = key.indexOf(" ");
      if (space > 0) return forgetOAuthClient(key.slice(0, space), key.slice(space + 1));
      return forgetAllCached();
    }
    case "limit":
      return forgetFailedAuth(key);
    default:
      return forgetAllCached();
  }
}

export function forgetAllCached(): void {
  forgetAllOAuthServers();
  forgetAllOAuthClients();
  forgetFailedAuth();
}

/**
 * Server boot: hear every instance's invalidations. PGlite delivers its own NOTIFYs in-process
 * (a write by the CLI beside the server cannot happen: it holds the folder); PostgreSQL gets the
 * process's dedicated LISTEN session, which forgets everything whenever it (re)connects.
 */
export async function listenForInvalidations(db: Database): Promise<void> {
  const onNotify = (payload: string) => {
    metrics.cacheInvalidations.inc({ source: "notify" });
    invalidateCached(payload);
  };
  if (db.listen) return db.listen(CACHE_CHANNEL, onNotify);
  if (!db.connectionString) return;
  await startProcessListener({
    connectionString: db.connectionString,
    channel: CACHE_CHANNEL,
    onNotify,
    onConnect: () => {
      metrics.cacheInvalidations.inc({ source: "reconnect" });
      forgetAllCached();
    },
  }).ready;
}
