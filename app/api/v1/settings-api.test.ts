// Webhooks, API keys and initial access tokens through /api/v1: the dashboard's service verbs,
// permissions and audit events; secrets in the create answer only; errors in the envelope.
import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { answer, apiKeyFor, apiRequest, routeParams } from "@/test/admin-api";
import { createTestDb } from "@/test/db";
import { insertServer } from "@/test/factories";
import * as webhooksRoute from "./webhooks/route";
import * as webhookRoute from "./webhooks/[id]/route";
import * as deliveriesRoute from "./webhooks/[id]/deliveries/route";
import * as redeliverRoute from "./webhooks/[id]/deliveries/[deliveryId]/redeliver/route";
import * as apiKeysRoute from "./api-keys/route";
import * as apiKeyRoute from "./api-keys/[id]/route";
import * as tokensRoute from "./servers/[slug]/initial-access-tokens/route";
import * as tokenRoute from "./servers/[slug]/initial-access-tokens/[tokenId]/route";

const database = await createTestDb();
const none = routeParams({});

async function actions(targetId: string): Promise<string[]> {
  const events = await database.prisma.auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });
  return events.map((e) => e.action);
}

describe("webhooks through /api/v1", () => {
  it("create (secret once), list, get, update, deliveries, redeliver, delete; audited", async () => {
    const admin = await apiKeyFor(database, "ADMIN");
    const created = await answer(
      await webhooksRoute.POST(
        apiRequest("POST", "", admin, { url: "https://hooks.example.com/in", events: ["consent.revoked"] }),
        none,
      ),
    );
    expect(created.status).toBe(201);
    const webhook = created.body.webhook as { id: string; secretLast4: string };
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(webhook.secretLast4).toBe(String(created.body.secret).slice(-4));
    const p = routeParams({ id: webhook.id });

    const listed = await answer(await webhooksRoute.GET(apiRequest("GET", "", admin), none));
    expect(JSON.stringify(listed.body)).not.toContain(String(created.body.secret));
    expect((listed.body.webhooks as { id: string }[]).map((w) => w.id)).toContain(webhook.id);
    expect((await answer(await webhookRoute.GET(apiRequest("GET", "", admin), p))).body.webhook).toMatchObject({
      id: webhook.id,
    });

    const patched = await answer(
      await webhookRoute.PATCH(apiRequest("PATCH", "", admin, { events: ["user.disabled"], disabled: true }), p),
    );
    expect(patched.body.webhook).toMatchObject({
      url: "https://hooks.example.com/in",
      events: ["user.disabled"],
      disabledAt: expect.any(String),
    });
    const badUrl = await answer(await webhookRoute.PATCH(apiRequest("PATCH", "", admin, { url: "ftp://x" }), p));
    expect(badUrl).toMatchObject({
      status: 422,
      body: { error: { code: "INVALID", fields: { url: [expect.any(String)] } } },
    });

    // A delivery as the dispatcher would have made it.
    const event = await database.prisma.outboxEvent.create({
      data: { id: newId("event"), type: "user.disabled", payload: {} },
    });
    const delivery = await database.prisma.webhookDelivery.create({
      data: { id: newId("delivery"), endpointId: webhook.id, eventId: event.id },
    });
    const deliveries = await answer(await deliveriesRoute.GET(apiRequest("GET", "", admin), p));
    expect(deliveries.body.deliveries).toEqual([
      expect.objectContaining({ id: delivery.id, eventType: "user.disabled" }),
    ]);
    const again = await redeliverRoute.POST(
      apiRequest("POST", "", admin),
      routeParams({ id: webhook.id, deliveryId: delivery.id }),
    );
    expect(again.status).toBe(202);
    expect(await database.prisma.webhookDelivery.count({ where: { endpointId: webhook.id } })).toBe(2);
    const gone = await answer(
      await redeliverRoute.POST(apiRequest("POST", "", admin), routeParams({ id: webhook.id, deliveryId: "dlv_x" })),
    );
    expect(gone).toEqual({ status: 404, body: { error: { code: "NOT_FOUND", message: "Delivery was not found." } } });

    expect((await webhookRoute.DELETE(apiRequest("DELETE", "", admin), p)).status).toBe(204);
    expect((await answer(await webhookRoute.GET(apiRequest("GET", "", admin), p))).status).toBe(404);
    expect((await deliveriesRoute.GET(apiRequest("GET", "", admin), p)).status).toBe(404);
    expect(await actions(webhook.id)).toEqual([
      "webhook.created",
      "webhook.updated",
      "webhook.redelivered",
      "webhook.deleted",
    ]);
  });

  it("SECURITY, DEVELOPER and VIEWER keys get 403 in the envelope", async () => {
    for (const role of ["SECURITY", "DEVELOPER", "VIEWER"] as const) {
      const key = await apiKeyFor(database, role);
      const res = await answer(await webhooksRoute.GET(apiRequest("GET", "", key), none));
      expect(res).toEqual({
        status: 403,
        body: { error: { code: "FORBIDDEN", message: "Your role cannot do this." } },
      });
    }
  });

  it("refuses bad bodies with 422 and the field, oversize ones with 413", async () => {
    const admin = await apiKeyFor(database, "ADMIN");
    const bad = await answer(
      await webhooksRoute.POST(apiRequest("POST", "", admin, { url: "https://x.example" }), none),
    );
    expect(bad).toMatchObject({ status: 422, body: { error: { fields: { events: [expect.any(String)] } } } });
    const huge = await answer(
      await webhooksRoute.POST(apiRequest("POST", "", admin, { url: "x".repeat(2 * 1024 * 1024) }), none),
    );
    expect(huge).toMatchObject({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE" } } });
  });
});

describe("API keys through /api/v1", () => {
  it("create (token once; it works), list, revoke (it stops); audited", async () => {
    const admin = await apiKeyFor(database, "ADMIN");
    const created = await answer(
      await apiKeysRoute.POST(
        apiRequest("POST", "", admin, { name: "Deploys", role: "VIEWER", expiresIn: "30d" }),
        none,
      ),
    );
    expect(created.status).toBe(201);
    const token = String(created.body.token);
    const apiKey = created.body.apiKey as { id: string; role: string; expiresAt: string };
    expect(token).toMatch(/^gha_/);
    expect(apiKey).toMatchObject({ role: "VIEWER", expiresAt: expect.any(String) });
    expect((await apiKeysRoute.GET(apiRequest("GET", "", token), none)).status).toBe(403);
    const listed = await answer(await apiKeysRoute.GET(apiRequest("GET", "", admin), none));
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect((listed.body.apiKeys as { id: string }[]).map((k) => k.id)).toContain(apiKey.id);

    expect((await apiKeyRoute.DELETE(apiRequest("DELETE", "", admin), routeParams({ id: apiKey.id }))).status).toBe(
      204,
    );
    expect((await apiKeysRoute.GET(apiRequest("GET", "", token), none)).status).toBe(401);
    const missing = await answer(
      await apiKeyRoute.DELETE(apiRequest("DELETE", "", admin), routeParams({ id: "key_x" })),
    );
    expect(missing).toEqual({ status: 404, body: { error: { code: "NOT_FOUND", message: "API key was not found." } } });
    expect(await actions(apiKey.id)).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("an admin key cannot mint an owner key (403); SECURITY cannot list (403); a bad role is 422", async () => {
    const admin = await apiKeyFor(database, "ADMIN");
    const owner = await answer(
      await apiKeysRoute.POST(apiRequest("POST", "", admin, { name: "x", role: "OWNER" }), none),
    );
    expect(owner).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    const security = await apiKeyFor(database, "SECURITY");
    expect((await apiKeysRoute.GET(apiRequest("GET", "", security), none)).status).toBe(403);
    const bad = await answer(await apiKeysRoute.POST(apiRequest("POST", "", admin, { name: "x", role: "KING" }), none));
    expect(bad).toMatchObject({ status: 422, body: { error: { fields: { role: [expect.any(String)] } } } });
  });
});

describe("initial access tokens through /api/v1", () => {
  it("create (token once), list (VIEWER may), revoke; 403 for a DEVELOPER; 404 for another server's", async () => {
    const server = await insertServer(database, { dcrMode: "TOKEN" });
    const other = await insertServer(database);
    const admin = await apiKeyFor(database, "ADMIN");
    const p = routeParams({ slug: server.slug });
    const created = await answer(
      await tokensRoute.POST(apiRequest("POST", "", admin, { name: "Partner", expiresIn: "1d", maxUses: 3 }), p),
    );
    expect(created.status).toBe(201);
    const iat = created.body.initialAccessToken as { id: string; status: string; maxUses: number };
    expect(iat).toMatchObject({ status: "active", maxUses: 3 });
    expect(String(created.body.token)).toMatch(/^ghi_/);

    const viewer = await apiKeyFor(database, "VIEWER");
    const listed = await answer(await tokensRoute.GET(apiRequest("GET", "", viewer), p));
    expect(JSON.stringify(listed.body)).not.toContain(String(created.body.token));
    expect(listed.body.initialAccessTokens).toEqual([expect.objectContaining({ id: iat.id })]);

    const developer = await apiKeyFor(database, "DEVELOPER");
    const forbidden = await tokensRoute.POST(apiRequest("POST", "", developer, { name: "x" }), p);
    expect(forbidden.status).toBe(403);
    const elsewhere = await tokenRoute.DELETE(
      apiRequest("DELETE", "", admin),
      routeParams({ slug: other.slug, tokenId: iat.id }),
    );
    expect(elsewhere.status).toBe(404);
    const revoked = await answer(
      await tokenRoute.DELETE(apiRequest("DELETE", "", admin), routeParams({ slug: server.slug, tokenId: iat.id })),
    );
    expect(revoked.body.initialAccessToken).toMatchObject({ status: "revoked" });
    expect(await actions(iat.id)).toEqual(["initial_access_token.created", "initial_access_token.revoked"]);
    const badBody = await answer(await tokensRoute.POST(apiRequest("POST", "", admin, { name: "", maxUses: 0 }), p));
    expect(badBody).toMatchObject({
      status: 422,
      body: { error: { code: "INVALID", fields: { name: [expect.any(String)], maxUses: [expect.any(String)] } } },
    });
    const unknownServer = await answer(
      await tokensRoute.GET(apiRequest("GET", "", admin), routeParams({ slug: "nope" })),
    );
    expect(unknownServer).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });
});
