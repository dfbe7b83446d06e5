import { describe, expect, it } from "vitest";
import { loadMigrations, pendingMigrations } from "@/lib/db/migrate";
import { createTestDb } from "@/test/db";
import { checkReadiness, liveReadinessChecks, type ReadinessChecks } from "./readiness";

const healthy: ReadinessChecks = {
  shuttingDown: () => false,
  pingDatabase: () => Promise.resolve(),
  pendingMigrations: () => Promise.resolve([]),
  loadSigningKey: () => Promise.resolve(),
};
const never = () => new Promise<never>(() => undefined);
const fails = () => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.5:5432"));

describe("checkReadiness", () => {
  it("is ready when every check passes", async () => {
    expect(await checkReadiness(healthy)).toEqual({ ready: true });
  });

  it("is not ready while shutting down, before asking the database", async () => {
    let asked = false;
    const checks = { ...healthy, shuttingDown: () => true, pingDatabase: () => ((asked = true), Promise.resolve()) };
    expect(await checkReadiness(checks)).toEqual({ ready: false, reason: "shutting down" });
    expect(asked).toBe(false);
  });

  it("is not ready when the database does not answer within the timeout", async () => {
    expect(await checkReadiness({ ...healthy, pingDatabase: never }, 20)).toEqual({
      ready: false,
      reason: "database unreachable: no answer within 0.02 s",
    });
  });

  it("is not ready when the database refuses, without telling the caller why", async () => {
    const readiness = await checkReadiness({ ...healthy, pingDatabase: fails });
    expect(readiness).toEqual({ ready: false, reason: "database unreachable: failed" });
    expect(JSON.stringify(readiness)).not.toContain("10.0.0.5");
  });

  it("names the committed migrations the database lacks", async () => {
    const checks = { ...healthy, pendingMigrations: () => Promise.resolve(["20261204020000_next"]) };
    expect(await checkReadiness(checks)).toEqual({
      ready: false,
      reason: "migrations pending",
      pending: ["20261204020000_next"],
    });
  });

  it("is not ready when the migrations cannot be compared", async () => {
    expect(await checkReadiness({ ...healthy, pendingMigrations: fails })).toEqual({
      ready: false,
      reason: "migrations unknown: failed",
    });
  });

  it("is not ready without a signing key", async () => {
    expect(await checkReadiness({ ...healthy, loadSigningKey: fails })).toEqual({
      ready: false,
      reason: "signing key unavailable: failed",
    });
    expect(await checkReadiness({ ...healthy, loadSigningKey: never }, 20)).toEqual({
      ready: false,
      reason: "signing key unavailable: no answer within 0.02 s",
    });
  });
});

describe("liveReadinessChecks on a real database", () => {
  it("is ready on a migrated database with a signing key", async () => {
    await createTestDb();
    expect(await checkReadiness(liveReadinessChecks())).toEqual({ ready: true });
  });

  it("compares the applied migrations with the committed ones", async () => {
    const database = await createTestDb();
    const committed = (await loadMigrations()).map((m) => m.name);
    const check = (names: string[]) => database.withConnection((conn) => pendingMigrations(conn, names));
    expect(await check(committed)).toEqual([]);
    expect(await check([...committed, "20991231000000_from_a_newer_release"])).toEqual([
      "20991231000000_from_a_newer_release",
    ]);
    await database.withConnection((conn) =>
      conn.query(`DELETE FROM "_gatehouse_migrations" WHERE "name" = $1`, [committed.at(-1)]),
    );
    expect(await checkReadiness(liveReadinessChecks())).toEqual({
      ready: false,
      reason: "migrations pending",
      pending: [committed.at(-1)],
    });
  });
});
