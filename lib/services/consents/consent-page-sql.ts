// One page of a client's Consents tab in one statement: the consents joined with their users and the
// identity providers that granted them, each with its count of live refresh families. Through
// Prisma's include this was six statements after the search (consents, users, client, server,
// scopes, providers, then the family counts), most of a page's time on PostgreSQL.
import type { Prisma } from "@/lib/db/generated/prisma/client";
import type { DbOrTx } from "@/lib/db/client";
import { containsPattern } from "@/lib/db/like";

/** Past this many matching people the search filters the consents by join instead of by id list. */
export const SEARCH_USER_LIMIT = 2_000;

export interface ConsentPageRow {
  id: string;
  scopes: string[];
  /** ISO 8601 UTC, millisecond precision, as Date.toISOString() writes it. */
  granted_at: string;
  last_used_at: string | null;
  user_id: string;
  user_email: string;
  user_name: string | null;
  user_disabled: boolean;
  provider_id: string | null;
  provider_label: string | null;
  live_refresh_tokens: number;
}

type Db = DbOrTx | Prisma.TransactionClient;

/**
 * The people whose email or name contains `q` (trigram indexes on both; emails are stored lower-cased),
 * at most `limit + 1` of them: over `limit`, the caller filters by the condition instead.
 */
export async function searchUserIds(db: Db, q: string, limit: number): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id" FROM "User" WHERE "email" LIKE $1 OR "name" ILIKE $2 LIMIT $3`,
    containsPattern(q.toLowerCase()),
    containsPattern(q),
    limit + 1,
  );
  return rows.map((r) => r.id);
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

export interface ConsentPageQuery {
  clientRowId: string;
  /** Newest first; the page starts after this (grantedAt, id). */
  after?: { at: Date; id: string };
  /** Only these people's consents… */
  userIds?: string[];
  /** …or, for a search matching too many people to list, those whose email or name contains this. */
  userSearch?: string;
  take: number;
  now: Date;
}

export async function consentPage(db: Db, query: ConsentPageQuery): Promise<ConsentPageRow[]> {
  const params: unknown[] = [query.clientRowId, query.now.toISOString()];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where = [`c."clientId" = $1`];
  if (query.after) {
    // Timestamps are stored as UTC without a zone: the ISO string's "Z" is dropped by the cast.
    where.push(
      `(c."grantedAt", c."id") < (${param(query.after.at.toISOString())}::timestamp, ${param(query.after.id)})`,
    );
  }
  if (query.userIds) where.push(`c."userId" = ANY(${param(query.userIds)}::text[])`);
  if (query.userSearch !== undefined) {
    const email = param(containsPattern(query.userSearch.toLowerCase()));
    where.push(`(u."email" LIKE ${email} OR u."name" ILIKE ${param(containsPattern(query.userSearch))})`);
  }
  // The page is chosen first; only its rows get their providers and refresh families counted.
  const sql = `SELECT c."id", c."scopes",
      to_char(c."grantedAt", ${ISO}) AS "granted_at",
      to_char(c."lastUsedAt", ${ISO}) AS "last_used_at",
      c."user_id", c."user_email", c."user_name", c."user_disabled",
      p."id" AS "provider_id", p."label" AS "provider_label",
      (SELECT count(*)::int FROM "RefreshFamily" f
        WHERE f."consentId" = c."id" AND f."revokedAt" IS NULL AND f."expiresAt" > $2::timestamp) AS "live_refresh_tokens"
    FROM (
      SELECT c."id", c."scopes", c."grantedAt", c."lastUsedAt", c."grantedByProviderId",
        u."id" AS "user_id", u."email" AS "user_email", u."name" AS "user_name",
        u."disabledAt" IS NOT NULL AS "user_disabled"
      FROM "Consent" c
      JOIN "User" u ON u."id" = c."userId"
      WHERE ${where.join(" AND ")}
      ORDER BY c."grantedAt" DESC, c."id" DESC
      LIMIT ${param(query.take)}
    ) c
    LEFT JOIN "IdentityProvider" p ON p."id" = c."grantedByProviderId"
    ORDER BY c."grantedAt" DESC, c."id" DESC`;
  return db.$queryRawUnsafe<ConsentPageRow[]>(sql, ...params);
}
