// Fixed-window counters in the database, so every app instance behind a load balancer shares them.
// One atomic upsert per hit; stale rows are swept opportunistically.
import type { DbOrTx } from "@/lib/db/client";

export interface RateLimitResult {
  count: number;
  limited: boolean;
  retryAfterSeconds: number;
}

export async function hitRateLimit(
  db: DbOrTx,
  key: string,
  limit: number,
  windowSeconds: number,
  now = new Date(),
): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "expiresAt", "lastHitAt")
    VALUES (${key}, ${now}, 1, ${new Date(now.getTime() + windowSeconds * 1000)}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "lastHitAt" = ${now},
      "count" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN ${now} ELSE "RateLimitBucket"."windowStart" END,
      "expiresAt" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN ${new Date(now.getTime() + windowSeconds * 1000)} ELSE "RateLimitBucket"."expiresAt" END
    RETURNING "count", "windowStart"`;
  const row = rows[0];
  const count = Number(row?.count ?? 1);
  const windowStart = row?.windowStart ?? now;
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((windowStart.getTime() + windowSeconds * 1000 - now.getTime()) / 1000),
  );
  return { count, limited: count > limit, retryAfterSeconds };
}

/** Reads without counting: is `key` already over `limit`? */
export async function isRateLimited(
  db: DbOrTx,
  key: string,
  limit: number,
  now = new Date(),
): Promise<RateLimitResult> {
  const row = await db.rateLimitBucket.findUnique({ where: { key } });
  if (!row || row.expiresAt <= now) return { count: 0, limited: false, retryAfterSeconds: 0 };
  return {
    count: row.count,
    limited: row.count >= limit,
    retryAfterSeconds: Math.max(1, Math.ceil((row.expiresAt.getTime() - now.getTime()) / 1000)),
  };
}

export interface RateLimitState {
  count: number;
  expiresAt: Date;
  lastHitAt: Date;
}

/** The live buckets among `keys` (expired ones count as absent), in one query. */
export async function readRateLimits(
  db: DbOrTx,
  keys: string[],
  now = new Date(),
): Promise<Map<string, RateLimitState>> {
  const rows = await db.rateLimitBucket.findMany({ where: { key: { in: keys }, expiresAt: { gt: now } } });
  return new Map(rows.map((r) => [r.key, { count: r.count, expiresAt: r.expiresAt, lastHitAt: r.lastHitAt }]));
}

export async function clearRateLimit(db: DbOrTx, ...keys: string[]): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key: { in: keys } } });
}

export async function sweepRateLimits(db: DbOrTx, now = new Date()): Promise<number> {
  const { count } = await db.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
