import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { createTestDb } from "@/test/db";
import { auditCount, makeCtx } from "@/test/factories";
import {
  ForbiddenError,
  getAuditRetentionDays,
  setAuditRetention,
  sweepAuditEvents,
  systemContext,
} from "@/lib/services";

const database = await createTestDb();
const sys = systemContext("test", { db: database.prisma });
const DAY = 86_400_000;

async function eventAged(days: number, now: Date): Promise<string> {
  const id = newId("audit");
  await database.prisma.auditEvent.create({
    data: { id, actorType: "SYSTEM", action: "client.created", createdAt: new Date(now.getTime() - days * DAY) },
  });
  return id;
}

describe("audit retention", () => {
  it("keeps everything by default", async () => {
    const now = new Date();
    const old = await eventAged(4000, now);
    expect(await getAuditRetentionDays(await makeCtx(database, "VIEWER"))).toBeNull();
    expect(await sweepAuditEvents(sys, now)).toEqual({ retentionDays: null, cutoff: null, deleted: 0 });
    expect(await database.prisma.auditEvent.count({ where: { id: old } })).toBe(1);
  });

  it("lets only owners change it, and audits the change", async () => {
    for (const role of ["ADMIN", "SECURITY", "VIEWER"] as const) {
      await expect(
        setAuditRetention({ ctx: await makeCtx(database, role), input: { auditRetention: "90" } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    const before = await auditCount(database, "settings.updated");
    const owner = await makeCtx(database, "OWNER");
    expect(await setAuditRetention({ ctx: owner, input: { auditRetention: "90" } })).toEqual({
      auditRetentionDays: 90,
    });
    expect(await getAuditRetentionDays(owner)).toBe(90);
    expect(await auditCount(database, "settings.updated")).toBe(before + 1);
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "settings.updated" },
      orderBy: { createdAt: "desc" },
    });
    expect(event.details).toEqual({ before: { auditRetentionDays: null }, after: { auditRetentionDays: 90 } });
  });

  it("sweeps events older than the period, and records that it did", async () => {
    const now = new Date();
    await setAuditRetention({ ctx: sys, input: { auditRetention: "90" } });
    const old = [await eventAged(91, now), await eventAged(400, now)];
    const recent = await eventAged(89, now);
    const swept = await sweepAuditEvents(sys, now);
    expect(swept.retentionDays).toBe(90);
    expect(swept.deleted).toBeGreaterThanOrEqual(2);
    expect(await database.prisma.auditEvent.count({ where: { id: { in: old } } })).toBe(0);
    expect(await database.prisma.auditEvent.count({ where: { id: recent } })).toBe(1);
    const pruned = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "audit.pruned" } });
    expect(pruned.details).toMatchObject({ deleted: swept.deleted, retentionDays: 90 });
    // Nothing left to delete: a second sweep (another instance's) deletes and records nothing.
    expect((await sweepAuditEvents(sys, now)).deleted).toBe(0);
    expect(await auditCount(database, "audit.pruned")).toBe(1);
    await setAuditRetention({ ctx: sys, input: { auditRetention: "forever" } });
  });
});
