import { describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { makeCtx } from "@/test/factories";
import { createClient, createServer, ForbiddenError, systemContext } from "@/lib/services";
import { withTx } from "../transaction";
import { countConsentChange, countTokenIssued, flushActivity, getClientActivity } from "./client-activity";

const database = await createTestDb();
const sys = systemContext("t", { db: database.prisma });

describe("client activity rollups", () => {
  it("counts tokens in memory, flushes them as daily rows, and returns 30 days with zeros filled", async () => {
    await createServer({ ctx: sys, input: { name: "A", slug: "act", resourceUrl: "https://act.example.com/mcp" } });
    const { client } = await createClient({ ctx: sys, serverSlug: "act", input: { name: "Bot" } });
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86_400_000);
    for (let i = 0; i < 5; i++) countTokenIssued(client.id, today);
    countTokenIssued(client.id, yesterday);
    expect(await database.prisma.clientDailyStat.count()).toBe(0); // nothing written per token
    expect(await flushActivity(sys)).toBe(2);
    for (let i = 0; i < 3; i++) countTokenIssued(client.id, today);
    await flushActivity(sys);
    await withTx(sys, (tx) => countConsentChange(tx, client.id, "granted", 2));
    await withTx(sys, (tx) => countConsentChange(tx, client.id, "revoked"));

    const viewer = await makeCtx(database, "VIEWER");
    const days = await getClientActivity({ ctx: viewer, serverSlug: "act", clientId: client.id, now: today });
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({
      day: today.toISOString().slice(0, 10),
      tokensIssued: 8,
      consentsGranted: 2,
      consentsRevoked: 1,
    });
    expect(days.at(-2)?.tokensIssued).toBe(1);
    expect(days.slice(0, 28).every((d) => d.tokensIssued === 0)).toBe(true);

    const endUser = await makeCtx(database, null);
    await expect(getClientActivity({ ctx: endUser, serverSlug: "act", clientId: client.id })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
