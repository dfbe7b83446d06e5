-- Token status changes announce themselves: every change that can turn a live access token
-- inactive (a jti deny-listed; a client disabled or deleted; a refresh family revoked or deleted,
-- which includes consent revocation through the cascade; a user disabled or deleted) sends a
-- NOTIFY on "gatehouse_token_status" when its transaction commits. The embedded database's
-- in-process status cache (lib/services/oauth/token-status-cache.ts) forgets everything on it.
-- Triggers are outside Prisma's data model: `prisma migrate diff` neither creates nor drops them.
-- Row-level triggers also fire for cascaded deletes; PostgreSQL folds identical notifications of
-- one transaction into one.
CREATE FUNCTION "gatehouse_token_status_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gatehouse_token_status', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "RevokedAccessToken_status" AFTER INSERT ON "RevokedAccessToken"
  FOR EACH STATEMENT EXECUTE FUNCTION "gatehouse_token_status_changed"();

CREATE TRIGGER "OAuthClient_status_update" AFTER UPDATE OF "disabledAt", "clientId", "serverId" ON "OAuthClient"
  FOR EACH ROW WHEN (OLD."disabledAt" IS DISTINCT FROM NEW."disabledAt" OR OLD."clientId" IS DISTINCT FROM NEW."clientId" OR OLD."serverId" IS DISTINCT FROM NEW."serverId")
  EXECUTE FUNCTION "gatehouse_token_status_changed"();
CREATE TRIGGER "OAuthClient_status_delete" AFTER DELETE ON "OAuthClient"
  FOR EACH ROW EXECUTE FUNCTION "gatehouse_token_status_changed"();

CREATE TRIGGER "RefreshFamily_status_update" AFTER UPDATE OF "revokedAt", "clientId", "userId" ON "RefreshFamily"
  FOR EACH ROW WHEN (OLD."revokedAt" IS DISTINCT FROM NEW."revokedAt" OR OLD."clientId" IS DISTINCT FROM NEW."clientId" OR OLD."userId" IS DISTINCT FROM NEW."userId")
  EXECUTE FUNCTION "gatehouse_token_status_changed"();
CREATE TRIGGER "RefreshFamily_status_delete" AFTER DELETE ON "RefreshFamily"
  FOR EACH ROW EXECUTE FUNCTION "gatehouse_token_status_changed"();

CREATE TRIGGER "User_status_update" AFTER UPDATE OF "disabledAt" ON "User"
  FOR EACH ROW WHEN (OLD."disabledAt" IS DISTINCT FROM NEW."disabledAt")
  EXECUTE FUNCTION "gatehouse_token_status_changed"();
CREATE TRIGGER "User_status_delete" AFTER DELETE ON "User"
  FOR EACH ROW EXECUTE FUNCTION "gatehouse_token_status_changed"();
