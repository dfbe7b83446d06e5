-- Cache invalidation across instances: every change to a row that the per-process 1 s caches hold
-- (lib/services/process-cache.ts users: an MCP server by slug with its scopes, a client by server
-- and client id, the failed-auth limiter's bucket) NOTIFYs "gatehouse_cache" on commit with a
-- payload naming the entry: "server:<slug>", "server-id:<id>" (a scope row: the slug is not at
-- hand), "client:<serverId> <clientId>", "limit:<key>". Each instance's listener
-- (lib/db/notification-listener.ts) deletes the named entry (lib/services/cache-invalidation.ts),
-- so another instance's write is seen within milliseconds instead of within the 1 s expiry, which
-- stays as the bound when a notification is lost. Triggers are outside Prisma's data model.
CREATE FUNCTION "gatehouse_cache_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME = 'McpServer' THEN
    PERFORM pg_notify('gatehouse_cache', 'server:' || r."slug");
    IF TG_OP = 'UPDATE' AND OLD."slug" IS DISTINCT FROM NEW."slug" THEN
      PERFORM pg_notify('gatehouse_cache', 'server:' || OLD."slug");
    END IF;
  ELSIF TG_TABLE_NAME = 'Scope' THEN
    PERFORM pg_notify('gatehouse_cache', 'server-id:' || r."serverId");
  ELSIF TG_TABLE_NAME = 'OAuthClient' THEN
    PERFORM pg_notify('gatehouse_cache', 'client:' || r."serverId" || ' ' || r."clientId");
    IF TG_OP = 'UPDATE' AND (OLD."clientId", OLD."serverId") IS DISTINCT FROM (NEW."clientId", NEW."serverId") THEN
      PERFORM pg_notify('gatehouse_cache', 'client:' || OLD."serverId" || ' ' || OLD."clientId");
    END IF;
  ELSIF TG_TABLE_NAME = 'RateLimitBucket' THEN
    PERFORM pg_notify('gatehouse_cache', 'limit:' || r."key");
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "McpServer_cache" AFTER INSERT OR UPDATE OR DELETE ON "McpServer"
  FOR EACH ROW EXECUTE FUNCTION "gatehouse_cache_changed"();
CREATE TRIGGER "Scope_cache" AFTER INSERT OR UPDATE OR DELETE ON "Scope"
  FOR EACH ROW EXECUTE FUNCTION "gatehouse_cache_changed"();
CREATE TRIGGER "OAuthClient_cache" AFTER INSERT OR UPDATE OR DELETE ON "OAuthClient"
  FOR EACH ROW EXECUTE FUNCTION "gatehouse_cache_changed"();
CREATE TRIGGER "RateLimitBucket_cache" AFTER INSERT OR UPDATE OR DELETE ON "RateLimitBucket"
  FOR EACH ROW EXECUTE FUNCTION "gatehouse_cache_changed"();
