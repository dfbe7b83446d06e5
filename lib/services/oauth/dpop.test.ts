// The DPoP proof replay store (RFC 9449 §11.1) on a real database: insert-unique, swept after the
// iat window, and — on PostgreSQL — one store for every instance (two separate connection pools).
import { describe, expect, it } from "vitest";
import { openPostgres } from "@/lib/db/client";
import { createTestDb } from "@/test/db";
import { systemContext } from "../context";
import { sweepExpired } from "../maintenance/sweep";
import { rememberDpopJti } from "./dpop";

const database = await createTestDb();
const ctx = systemContext("test", { db: database.prisma });
const LATER = new Date(Date.now() + 65_000);

describe("DPoP proof jti store", () => {
  it("DPOP-09: accepts a jti once per key, refuses the replay, and is swept after expiry", async () => {
    expect(await rememberDpopJti(ctx, "key-a", "jti-1", LATER)).toBe(true);
    expect(await rememberDpopJti(ctx, "key-a", "jti-1", LATER)).toBe(false);
    expect(await rememberDpopJti(ctx, "key-b", "jti-1", LATER)).toBe(true);
    const swept = await sweepExpired(ctx, new Date(LATER.getTime() + 1_000));
    expect(swept.dpopJtis).toBeGreaterThanOrEqual(2);
    expect(await rememberDpopJti(ctx, "key-a", "jti-1", LATER)).toBe(true);
  });

  it.skipIf(database.kind !== "postgres")(
    "DPOP-09: holds across two instances: concurrent presentations of one proof pass exactly once",
    async () => {
      const [row] = await database.prisma.$queryRaw<{ name: string }[]>`SELECT current_database()::text AS name`;
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${row!.name}`;
      const other = openPostgres(url.toString());
      try {
        const otherCtx = systemContext("test-2", { db: other.prisma });
        for (let i = 0; i < 5; i++) {
          const results = await Promise.all([
            rememberDpopJti(ctx, "key-x", `race-${i}`, LATER),
            rememberDpopJti(otherCtx, "key-x", `race-${i}`, LATER),
          ]);
          expect(results.filter(Boolean)).toHaveLength(1);
        }
        expect(await rememberDpopJti(otherCtx, "key-a", "jti-1", LATER)).toBe(false);
      } finally {
        await other.close();
      }
    },
  );
});
