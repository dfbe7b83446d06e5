import { describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { systemContext } from "@/lib/services";
import { sweepExpired } from "./sweep";

const database = await createTestDb();

describe("sweepExpired", () => {
  it("deletes expired denylist entries and rate-limit buckets, and keeps live ones", async () => {
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 60_000);
    await database.prisma.revokedAccessToken.createMany({
      data: [
        { jti: "old", expiresAt: past },
        { jti: "live", expiresAt: future },
      ],
    });
    await database.prisma.rateLimitBucket.createMany({
      data: [
        { key: "old", windowStart: past, count: 1, expiresAt: past },
        { key: "live", windowStart: past, count: 1, expiresAt: future },
      ],
    });
    const counts = await sweepExpired(systemContext("t", { db: database.prisma }));
    expect(counts).toMatchObject({ denied: 1, buckets: 1 });
    expect((await database.prisma.revokedAccessToken.findMany()).map((r) => r.jti)).toEqual(["live"]);
    expect((await database.prisma.rateLimitBucket.findMany()).map((r) => r.key)).toEqual(["live"]);
  });
});
