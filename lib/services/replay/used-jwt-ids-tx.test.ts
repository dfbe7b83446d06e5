// The jti replay store: a (kind, issuer, jti) is accepted once, in one process or across
// instances (on PostgreSQL, two connection pools racing as two instances would).
import { afterAll, describe, expect, it } from "vitest";
import { openPostgres } from "@/lib/db/client";
import { openFreshDatabase } from "@/test/fresh-db";
import { unique } from "@/test/factories";
import { sweepExpired } from "../maintenance/sweep";
import { systemContext } from "../context";
import { consumeJti } from "../replay/used-jwt-ids";

const { database, drop, url } = await openFreshDatabase();
afterAll(drop);
const sys = systemContext("test", { db: database.prisma });
const soon = () => new Date(Date.now() + 300_000);

describe("consumeJwtId", () => {
  it("accepts a jti once, per kind and issuer", async () => {
    const jti = unique("jti");
    const entry = { kind: "id_jag" as const, issuer: "https://idp.example", jti, expiresAt: soon() };
    expect(await consumeJti(sys, entry)).toBe(true);
    expect(await consumeJti(sys, entry)).toBe(false);
    expect(await consumeJti(sys, { ...entry, issuer: "https://other-idp.example" })).toBe(true);
    expect(await consumeJti(sys, { ...entry, kind: "client_assertion" })).toBe(true);
  });

  it("keeps the transaction usable after a replay (PostgreSQL aborts a transaction on a failed insert)", async () => {
    const entry = { kind: "id_jag" as const, issuer: "https://idp.example", jti: unique("jti"), expiresAt: soon() };
    await consumeJti(sys, entry);
    const after = await database.prisma.$transaction(async (tx) => {
      expect(await consumeJti({ ...sys, db: tx }, entry)).toBe(false);
      return tx.usedJwtId.count();
    });
    expect(after).toBeGreaterThan(0);
  });

  it("is swept once expired", async () => {
    const entry = {
      kind: "id_jag" as const,
      issuer: "https://idp.example",
      jti: unique("jti"),
      expiresAt: new Date(Date.now() - 120_000),
    };
    await consumeJti(sys, entry);
    await sweepExpired(systemContext("test", { db: database.prisma }));
    expect(await database.prisma.usedJwtId.count({ where: { jti: entry.jti } })).toBe(0);
  });

  it.skipIf(!url)("accepts a jti once when two instances race with the same assertion (PostgreSQL)", async () => {
    const other = openPostgres(url!);
    try {
      for (let round = 0; round < 20; round++) {
        const entry = {
          kind: "id_jag" as const,
          issuer: "https://idp.example",
          jti: unique("race"),
          expiresAt: soon(),
        };
        const results = await Promise.all([
          database.prisma.$transaction((tx) => consumeJti({ ...sys, db: tx }, entry)),
          other.prisma.$transaction((tx) => consumeJti({ ...sys, db: tx }, entry)),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
      }
    } finally {
      await other.close();
    }
  });
});
