import { describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { unique } from "@/test/factories";
import { hitRateLimit, isRateLimited, sweepRateLimits } from "./rate-limit";

const database = await createTestDb();

describe("fixed-window rate limits in the database", () => {
  it("counts hits in a window, limits past the limit, and starts over when the window ends", async () => {
    const key = unique("rl");
    const t0 = new Date("2026-01-01T00:00:00Z");
    for (let i = 1; i <= 3; i++) expect((await hitRateLimit(database.prisma, key, 3, 60, t0)).count).toBe(i);
    const over = await hitRateLimit(database.prisma, key, 3, 60, new Date(t0.getTime() + 10_000));
    expect(over).toMatchObject({ count: 4, limited: true, retryAfterSeconds: 50 });
    expect((await isRateLimited(database.prisma, key, 3, new Date(t0.getTime() + 20_000))).limited).toBe(true);
    const later = new Date(t0.getTime() + 61_000);
    expect((await isRateLimited(database.prisma, key, 3, later)).limited).toBe(false);
    expect(await hitRateLimit(database.prisma, key, 3, 60, later)).toMatchObject({ count: 1, limited: false });
  });

  it("counts concurrent hits exactly (one atomic upsert each)", async () => {
    const key = unique("rl");
    const now = new Date();
    await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(database.prisma, key, 100, 60, now)));
    expect((await isRateLimited(database.prisma, key, 100, now)).count).toBe(20);
  });

  it("sweeps expired buckets", async () => {
    const key = unique("rl");
    await hitRateLimit(database.prisma, key, 1, 1, new Date("2020-01-01T00:00:00Z"));
    expect(await sweepRateLimits(database.prisma)).toBeGreaterThanOrEqual(1);
    expect(await database.prisma.rateLimitBucket.findUnique({ where: { key } })).toBeNull();
  });
});
