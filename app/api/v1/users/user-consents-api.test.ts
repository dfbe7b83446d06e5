// A user's consents through the admin API: list across servers, revoke one (404 once gone),
// revoke several, revoke all; the same service verbs, permissions and audit events as the dashboard.
import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { createClient, systemContext } from "@/lib/services";
import { answer, apiKeyFor, apiRequest, routeParams } from "@/test/admin-api";
import { createTestDb } from "@/test/db";
import { insertServer, insertUser, unique } from "@/test/factories";
import * as consentsRoute from "./[id]/consents/route";
import * as consentRoute from "./[id]/consents/[consentId]/route";
import * as revokeRoute from "./[id]/consents/revoke/route";
import * as revokeAccessRoute from "./[id]/revoke-access/route";

const database = await createTestDb();
const sys = systemContext("test", { db: database.prisma });
const servers = [await insertServer(database), await insertServer(database)];

/** A user holding one consent on each of `n` new clients, spread over both servers. */
async function userWithConsents(n: number) {
  const user = await insertUser(database, null);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const server = servers[i % servers.length]!;
    const { client } = await createClient({
      ctx: sys,
      serverSlug: server.slug,
      input: { name: unique("Agent"), redirectUris: ["http://127.0.0.1/cb"], isPublic: true },
    });
    const consent = await database.prisma.consent.create({
      data: { id: newId("consent"), serverId: server.id, clientId: client.id, userId: user.id, scopes: ["mcp:tools"] },
    });
    ids.push(consent.id);
  }
  return { user, ids };
}

describe("a user's consents through /api/v1", () => {
  it("lists them across servers; a VIEWER may read", async () => {
    const { user, ids } = await userWithConsents(3);
    const viewer = await apiKeyFor(database, "VIEWER");
    const res = await answer(await consentsRoute.GET(apiRequest("GET", "", viewer), routeParams({ id: user.id })));
    expect(res.status).toBe(200);
    const consents = res.body.consents as { id: string; server: { slug: string }; user: { id: string } }[];
    expect(consents.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(new Set(consents.map((c) => c.server.slug))).toEqual(new Set(servers.map((s) => s.slug)));
    const missing = await answer(await consentsRoute.GET(apiRequest("GET", "", viewer), routeParams({ id: "usr_x" })));
    expect(missing).toEqual({ status: 404, body: { error: { code: "NOT_FOUND", message: "User was not found." } } });
  });

  it("revokes one: audited as the dashboard does; again is 404 in the envelope; another user's is 404", async () => {
    const { user, ids } = await userWithConsents(2);
    const other = await userWithConsents(1);
    const security = await apiKeyFor(database, "SECURITY");
    const p = routeParams({ id: user.id, consentId: ids[0]! });
    const first = await answer(await consentRoute.DELETE(apiRequest("DELETE", "", security), p));
    expect(first.status).toBe(200);
    expect(first.body.revoked).toMatchObject({ id: ids[0], userEmail: user.email });
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "consent.revoked", targetId: ids[0] },
    });
    expect(event).toMatchObject({
      actorType: "API_KEY",
      details: expect.objectContaining({ reason: "revoked_by_admin" }),
    });
    const again = await answer(await consentRoute.DELETE(apiRequest("DELETE", "", security), p));
    expect(again).toEqual({ status: 404, body: { error: { code: "NOT_FOUND", message: "Consent was not found." } } });
    const foreign = await consentRoute.DELETE(
      apiRequest("DELETE", "", security),
      routeParams({ id: user.id, consentId: other.ids[0]! }),
    );
    expect(foreign.status).toBe(404);
    expect(await database.prisma.consent.count({ where: { id: other.ids[0]! } })).toBe(1);
  });

  it("a VIEWER or DEVELOPER may not revoke (403), and nothing changes", async () => {
    const { user, ids } = await userWithConsents(1);
    for (const role of ["VIEWER", "DEVELOPER"] as const) {
      const key = await apiKeyFor(database, role);
      const one = await answer(
        await consentRoute.DELETE(apiRequest("DELETE", "", key), routeParams({ id: user.id, consentId: ids[0]! })),
      );
      expect(one).toEqual({
        status: 403,
        body: { error: { code: "FORBIDDEN", message: "Your role cannot do this." } },
      });
      const several = await revokeRoute.POST(
        apiRequest("POST", "", key, { consentIds: ids }),
        routeParams({ id: user.id }),
      );
      expect(several.status).toBe(403);
      expect((await revokeAccessRoute.POST(apiRequest("POST", "", key), routeParams({ id: user.id }))).status).toBe(
        403,
      );
    }
    expect(await database.prisma.consent.count({ where: { userId: user.id } })).toBe(1);
  });

  it("revokes several (gone ones skipped, none left is 404); bad bodies are 422 with the field", async () => {
    const { user, ids } = await userWithConsents(3);
    const admin = await apiKeyFor(database, "ADMIN");
    const p = routeParams({ id: user.id });
    const res = await answer(
      await revokeRoute.POST(apiRequest("POST", "", admin, { consentIds: [ids[0], ids[1], "cns_gone"] }), p),
    );
    expect(res.status).toBe(200);
    expect((res.body.revoked as { id: string }[]).map((r) => r.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect((await revokeRoute.POST(apiRequest("POST", "", admin, { consentIds: [ids[0]] }), p)).status).toBe(404);
    const empty = await answer(await revokeRoute.POST(apiRequest("POST", "", admin, { consentIds: [] }), p));
    expect(empty).toMatchObject({
      status: 422,
      body: { error: { code: "INVALID", fields: { consentIds: [expect.any(String)] } } },
    });
    const notJson = await answer(await revokeRoute.POST(apiRequest("POST", "", admin, "[1]"), p));
    expect(notJson).toMatchObject({ status: 422, body: { error: { code: "INVALID" } } });
    const huge = await answer(
      await revokeRoute.POST(apiRequest("POST", "", admin, { consentIds: ["x".repeat(2 * 1024 * 1024)] }), p),
    );
    expect(huge).toMatchObject({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE" } } });
    const all = await answer(await revokeAccessRoute.POST(apiRequest("POST", "", admin), p));
    expect((all.body.revoked as { id: string }[]).map((r) => r.id)).toEqual([ids[2]]);
    expect(await database.prisma.consent.count({ where: { userId: user.id } })).toBe(0);
  });
});
