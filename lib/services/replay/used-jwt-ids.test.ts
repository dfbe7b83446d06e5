// The single-use JWT id store (PKJWT replay, later ID-JAG): the insert is the check, so a jti is
// accepted once per (kind, issuer) — also when two instances (two database connections) race.
import { afterAll, describe, expect, it } from "vitest";
import { openPostgres } from "@/lib/db/client";
import { createTestDb } from "@/test/db";
import { systemContext } from "../context";
import { sweepExpired } from "../maintenance/sweep";
import { consumeJti } from "./used-jwt-ids";

const database = await createTestDb();
const ctx = systemContext("test", { db: database.prisma });
const later = new Date(Date.now() + 300_000);

describe("consumeJti", () => {
  it("accepts a jti once per kind and issuer", async () => {
    const jti = crypto.randomUUID();
    expect(await consumeJti(ctx, { kind: "client_assertion", issuer: "s:c1", jti, expiresAt: later })).toBe(true);
    expect(await consumeJti(ctx, { kind: "client_assertion", issuer: "s:c1", jti, expiresAt: later })).toBe(false);
    expect(await consumeJti(ctx, { kind: "client_assertion", issuer: "s:c2", jti, expiresAt: later })).toBe(true);
    expect(await consumeJti(ctx, { kind: "id_jag", issuer: "s:c1", jti, expiresAt: later })).toBe(true);
  });

  it("the maintenance sweep forgets expired ids, not live ones", async () => {
    const old = crypto.randomUUID();
    const live = crypto.randomUUID();
    await consumeJti(ctx, {
      kind: "client_assertion",
      issuer: "s:sweep",
      jti: old,
      expiresAt: new Date(Date.now() - 1000),
    });
    await consumeJti(ctx, { kind: "client_assertion", issuer: "s:sweep", jti: live, expiresAt: later });
    const swept = await sweepExpired(ctx);
    expect(swept.usedJwtIds).toBeGreaterThanOrEqual(1);
    const left = await database.prisma.usedJwtId.findMany({ where: { issuer: "s:sweep" } });
    expect(left.map((r) => r.jti)).toEqual([live]);
  });
});

describe.skipIf(database.kind !== "postgres")("consumeJti across instances (PostgreSQL)", () => {
  const others: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const o of others) await o.close();
  });

  it("two connections racing on one jti: exactly one wins", async () => {
    const [row] = await database.prisma.$queryRaw<{ db: string }[]>`SELECT current_database()::text AS db`;
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${row!.db}`;
    const second = openPostgres(url.toString());
    others.push(second);
    const ctx2 = systemContext("test", { db: second.prisma });
    for (let round = 0; round < 5; round++) {
      const jti = crypto.randomUUID();
      const input = { kind: "client_assertion" as const, issuer: "s:race", jti, expiresAt: later };
      const results = await Promise.all([
        consumeJti(ctx, input),
        consumeJti(ctx2, input),
        consumeJti(ctx, input),
        consumeJti(ctx2, input),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });
});
