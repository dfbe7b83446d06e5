import { describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { makeCtx, serverInput } from "@/test/factories";
import {
  auditCsvRow,
  createServer,
  ForbiddenError,
  iterateAuditEvents,
  ValidationError,
  listAuditEvents,
  AUDIT_PAGE_SIZE,
} from "@/lib/services";
import { csvCell } from "./audit-csv";

const database = await createTestDb();

describe("listAuditEvents", () => {
  it("lists newest first, filters by action, actor and server, and pages with a cursor", async () => {
    const admin = await makeCtx(database, "ADMIN");
    const servers = [];
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++)
      servers.push(await createServer({ ctx: admin, input: serverInput() }));
    const viewer = await makeCtx(database, "VIEWER");

    const first = await listAuditEvents({ ctx: viewer, input: { action: "server.created" } });
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.events[0]?.targetId).toBe(servers.at(-1)?.id);
    expect(first.nextCursor).not.toBeNull();
    const second = await listAuditEvents({
      ctx: viewer,
      input: { action: "server.created", cursor: first.nextCursor },
    });
    expect(second.events).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const ids = new Set([...first.events, ...second.events].map((e) => e.id));
    expect(ids.size).toBe(AUDIT_PAGE_SIZE + 5);

    const byServer = await listAuditEvents({ ctx: viewer, input: { server: servers[3]?.slug } });
    expect(byServer.events.map((e) => e.targetId)).toEqual([servers[3]?.id]);
    expect(byServer.events[0]?.serverSlug).toBe(servers[3]?.slug);

    const email = admin.actor.type === "user" ? admin.actor.email : "";
    const byActor = await listAuditEvents({ ctx: viewer, input: { actor: email.slice(0, 10) } });
    expect(byActor.events.every((e) => e.actorLabel === email)).toBe(true);
    expect((await listAuditEvents({ ctx: viewer, input: { actor: "%" } })).events).toEqual([]);
    const nul = Buffer.from("2026-01-01T00:00:00.000Z|evt_\u0000").toString("base64url");
    expect((await listAuditEvents({ ctx: viewer, input: { cursor: nul } })).events).toHaveLength(AUDIT_PAGE_SIZE);

    const future = await listAuditEvents({ ctx: viewer, input: { from: "2999-01-01" } });
    expect(future.events).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEvents({ ctx: viewer, input: { from: today, to: today } })).events.length).toBeGreaterThan(
      0,
    );
  });

  it("refuses an inverted date range with a field error instead of an empty page (issue 11 #10e)", async () => {
    const viewer = await makeCtx(database, "VIEWER");
    const inverted = { from: "2026-12-05", to: "2026-12-01" };
    const refused = listAuditEvents({ ctx: viewer, input: inverted });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      fieldErrors: { from: [expect.stringContaining("after the To date")] },
    });
    await expect(iterateAuditEvents({ ctx: viewer, input: inverted }).next()).rejects.toBeInstanceOf(ValidationError);
    const sameDay = await listAuditEvents({ ctx: viewer, input: { from: "2026-12-01", to: "2026-12-01" } });
    expect(Array.isArray(sameDay.events)).toBe(true);
  });

  it("ignores malformed filters instead of failing", async () => {
    const viewer = await makeCtx(database, "VIEWER");
    const page = await listAuditEvents({ ctx: viewer, input: { action: "nope", from: "yesterday", cursor: "!!" } });
    expect(Array.isArray(page.events)).toBe(true);
  });

  it("is refused for end users", async () => {
    const endUser = await makeCtx(database, null);
    await expect(listAuditEvents({ ctx: endUser, input: {} })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("iterates every matching event for the CSV export", async () => {
    const viewer = await makeCtx(database, "VIEWER");
    let n = 0;
    for await (const e of iterateAuditEvents({ ctx: viewer, input: { action: "server.created" } })) {
      expect(auditCsvRow(e)).toMatch(/server\.created/);
      n++;
    }
    expect(n).toBe(AUDIT_PAGE_SIZE + 5);
  });
});

describe("csvCell", () => {
  it("quotes commas, quotes and newlines, and defuses spreadsheet formulas", () => {
    expect(csvCell('a,"b"\n')).toBe('"a,""b""\n"');
    expect(csvCell("=cmd()")).toBe("'=cmd()");
    expect(csvCell(null)).toBe("");
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });
});
