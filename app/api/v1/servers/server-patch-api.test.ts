// PATCH /api/v1/servers/{slug} covers every setting of the Settings page: name, resource, scopes
// with descriptions, token lifetimes, refresh grace window, DCR policy, CIMD policy and trust list.
import { describe, expect, it } from "vitest";
import { answer, apiKeyFor, apiRequest, routeParams } from "@/test/admin-api";
import { createTestDb } from "@/test/db";
import { insertServer, unique } from "@/test/factories";
import * as serverRoute from "./[slug]/route";

const database = await createTestDb();

describe("PATCH /api/v1/servers/{slug}", () => {
  it("changes each setting, leaves the others, and dcrEnabled alone opens and closes DCR", async () => {
    const server = await insertServer(database);
    const admin = await apiKeyFor(database, "ADMIN");
    const p = routeParams({ slug: server.slug });
    const resourceUrl = `https://${unique("r")}.example.com/mcp`;
    const changes = {
      name: "Renamed",
      resourceUrl,
      scopes: [{ name: "docs:read", description: "Read the docs" }],
      accessTokenTtl: 900,
      refreshTokenTtl: 7200,
      refreshGraceSeconds: 10,
      dcrMode: "TOKEN",
      dcrRedirectPresets: ["claude"],
      dcrRedirectCustom: ["https://app.example.com/cb"],
      dcrRateLimitPerHour: 5,
      dcrMaxClients: 10,
      dcrRequireApproval: true,
      dcrPruneUnusedDays: 3,
      dcrPruneIdleDays: 30,
      cimdEnabled: true,
      cimdTrust: "ALLOWLIST",
      cimdHosts: ["apps.example.com"],
    };
    const res = await answer(await serverRoute.PATCH(apiRequest("PATCH", "", admin, changes), p));
    expect(res.status).toBe(200);
    expect(res.body.server).toMatchObject({ ...changes, dcrEnabled: true, slug: server.slug });

    const close = await answer(await serverRoute.PATCH(apiRequest("PATCH", "", admin, { dcrEnabled: false }), p));
    expect(close.body.server).toMatchObject({
      dcrEnabled: false,
      dcrMode: "OFF",
      name: "Renamed",
      accessTokenTtl: 900,
    });
    const open = await answer(await serverRoute.PATCH(apiRequest("PATCH", "", admin, { dcrEnabled: true }), p));
    expect(open.body.server).toMatchObject({ dcrEnabled: true, dcrMode: "OPEN" });
  });

  it("refuses bad values with 422 and the field; a DEVELOPER gets 403; an unknown slug 404", async () => {
    const server = await insertServer(database);
    const admin = await apiKeyFor(database, "ADMIN");
    const p = routeParams({ slug: server.slug });
    const bad = await answer(
      await serverRoute.PATCH(apiRequest("PATCH", "", admin, { refreshGraceSeconds: 9999, cimdTrust: "SOME" }), p),
    );
    expect(bad).toMatchObject({
      status: 422,
      body: {
        error: {
          code: "INVALID",
          fields: { refreshGraceSeconds: [expect.any(String)], cimdTrust: [expect.any(String)] },
        },
      },
    });
    const developer = await apiKeyFor(database, "DEVELOPER");
    expect((await serverRoute.PATCH(apiRequest("PATCH", "", developer, { name: "x" }), p)).status).toBe(403);
    const missing = await serverRoute.PATCH(
      apiRequest("PATCH", "", admin, { name: "x" }),
      routeParams({ slug: "nope" }),
    );
    expect(missing.status).toBe(404);
  });
});
