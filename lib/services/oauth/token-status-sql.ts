// The one SQL definition of an access token's live status (token-status.ts decides from the row):
// its jti deny-listed? its client? its refresh family and that family's user? Used as is for one
// token, and per row of a batch on PostgreSQL (token-status-batch.ts).
export interface StatusRow {
  denied: boolean;
  client_row: string | null;
  client_disabled: Date | null;
  fam_exists: boolean;
  fam_revoked: Date | null;
  fam_client: string | null;
  fam_user: string | null;
  user_exists: boolean;
  user_disabled: Date | null;
}

/** The status of one token, given SQL expressions for its jti, server id, client_id and family id. */
export function statusSelect(jti: string, server: string, client: string, fam: string): string {
  return `
      SELECT EXISTS (SELECT 1 FROM "RevokedAccessToken" WHERE "jti" = ${jti}) AS "denied",
             c."id" AS "client_row", c."disabledAt" AS "client_disabled",
             (f."id" IS NOT NULL) AS "fam_exists", f."revokedAt" AS "fam_revoked", f."clientId" AS "fam_client", f."userId" AS "fam_user",
             (u."id" IS NOT NULL) AS "user_exists", u."disabledAt" AS "user_disabled"
        FROM (SELECT 1) AS "one"
        LEFT JOIN "OAuthClient" c ON c."serverId" = ${server} AND c."clientId" = ${client}
        LEFT JOIN "RefreshFamily" f ON f."id" = ${fam}
        LEFT JOIN "User" u ON u."id" = f."userId"`;
}
