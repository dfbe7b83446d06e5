// The admin JSON API, called as automation calls it: real Request objects, an API key, the route
// handlers themselves, a real (fresh) database.
import { describe, expect, it } from "vitest";
import { createTestDb } from "@/test/db";
import { insertServer, insertUser, makeCtx } from "@/test/factories";
import { createApiKey, revokeApiKey } from "@/lib/services";
import { documented } from "@/test/api-contract";

const clientRoute = documented(
  "/api/v1/servers/{slug}/clients/{id}",
  await import("./servers/[slug]/clients/[id]/route"),
);
const clientsRoute = documented("/api/v1/servers/{slug}/clients", await import("./servers/[slug]/clients/route"));
const rotateRoute = documented(
  "/api/v1/servers/{slug}/clients/{id}/rotate-secret",
  await import("./servers/[slug]/clients/[id]/rotate-secret/route"),
);
const revokePreviousRoute = documented(
  "/api/v1/servers/{slug}/clients/{id}/revoke-previous-secret",
  await import("./servers/[slug]/clients/[id]/revoke-previous-secret/route"),
);
const disableRoute = documented(
  "/api/v1/servers/{slug}/clients/{id}/disable",
  await import("./servers/[slug]/clients/[id]/disable/route"),
);
const serverRoute = documented("/api/v1/servers/{slug}", await import("./servers/[slug]/route"));
const revokeConsentsRoute = documented(
  "/api/v1/servers/{slug}/clients/{id}/consents/revoke",
  await import("./servers/[slug]/clients/[id]/consents/revoke/route"),
);
const revokeAllConsentsRoute = documented(
  "/api/v1/servers/{slug}/clients/{id}/consents/revoke-all",
  await import("./servers/[slug]/clients/[id]/consents/revoke-all/route"),
);
const usersRoute = documented("/api/v1/users", await import("./users/route"));
const userRoute = documented("/api/v1/users/{id}", await import("./users/[id]/route"));
const revokeAccessRoute = documented(
  "/api/v1/users/{id}/revoke-access",
  await import("./users/[id]/revoke-access/route"),
);
const userDisableRoute = documented("/api/v1/users/{id}/disable", await import("./users/[id]/disable/route"));
const userEnableRoute = documented("/api/v1/users/{id}/enable", await import("./users/[id]/enable/route"));
const serversRoute = documented("/api/v1/servers", await import("./servers/route"));
const membersRoute = documented("/api/v1/members", await import("./members/route"));
const activityRoute = documented(
  "/api/v1/servers/{slug}/clients/{id}/activity",
  await import("./servers/[slug]/clients/[id]/activity/route"),
);
const consentsRoute = documented(
  "/api/v1/servers/{slug}/clients/{id}/consents",
  await import("./servers/[slug]/clients/[id]/consents/route"),
);
const approveRoute = documented(
  "/api/v1/servers/{slug}/clients/{id}/approve",
  await import("./servers/[slug]/clients/[id]/approve/route"),
);
const enableRoute = documented(
  "/api/v1/servers/{slug}/clients/{id}/enable",
  await import("./servers/[slug]/clients/[id]/enable/route"),
);
const auditRoute = documented("/api/v1/audit", await import("./audit/route"));
const auditExportRoute = documented("/api/v1/audit/export", await import("./audit/export/route"));

const database = await createTestDb();
const server = await insertServer(database);

async function keyFor(role: "ADMIN" | "DEVELOPER" | "VIEWER" | "SECURITY") {
  const owner = await makeCtx(database, "OWNER");
  return (await createApiKey({ ctx: owner, input: { name: `${role} key`, role } })).token;
}

function call(method: string, path: string, token: string | null, body?: unknown): Request {
  const headers = new Headers({ "content-type": "application/json" });
  if (token) headers.set("authorization", `Bearer ${token}`);
  return new Request(`http://localhost:3000${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const base = `/api/v1/servers/${server.slug}/clients`;

describe("admin API with API keys", () => {
  it("answers an inverted audit date range with 422 and the field, for the list and the export", async () => {
    const viewer = await keyFor("VIEWER");
    const qs = "?from=2026-12-05&to=2026-12-01";
    for (const route of [auditRoute, auditExportRoute]) {
      const res = await route.GET(call("GET", `/api/v1/audit${qs}`, viewer), params({}));
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ error: { code: "INVALID", fields: { from: [expect.any(String)] } } });
    }
  });

  it("creates, lists, reads, updates, rotates, disables and deletes a client with an ADMIN key", async () => {
    const token = await keyFor("ADMIN");
    const created = await clientsRoute.POST(
      call("POST", base, token, { name: "CI bot" }),
      params({ slug: server.slug }),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const { client, clientSecret } = (await created.json()) as {
      client: { id: string; clientId: string; flow: string };
      clientSecret: string;
    };
    expect(client.flow).toBe("client_credentials");
    expect(clientSecret).toMatch(/^ghs_/);

    const listed = await clientsRoute.GET(call("GET", `${base}?q=CI`, token), params({ slug: server.slug }));
    const page = (await listed.json()) as { clients: { id: string }[] };
    expect(page.clients.map((c) => c.id)).toContain(client.id);

    const one = { slug: server.slug, id: client.clientId };
    const got = await clientRoute.GET(call("GET", `${base}/${client.clientId}`, token), params(one));
    expect(((await got.json()) as { client: { id: string } }).client.id).toBe(client.id);
    expect(JSON.stringify(await (await clientRoute.GET(call("GET", "", token), params(one))).json())).not.toContain(
      "secretHash",
    );

    const patched = await clientRoute.PATCH(call("PATCH", "", token, { name: "CI bot 2" }), params(one));
    expect(((await patched.json()) as { client: { name: string } }).client.name).toBe("CI bot 2");

    const rotated = await rotateRoute.POST(call("POST", "", token, { gracePeriod: "1h" }), params(one));
    expect(((await rotated.json()) as { clientSecret: string }).clientSecret).not.toBe(clientSecret);
    const revokedPrevious = await revokePreviousRoute.POST(call("POST", "", token), params(one));
    expect(await revokedPrevious.json()).toMatchObject({ client: { previousSecretExpiresAt: null } });
    expect((await revokePreviousRoute.POST(call("POST", "", token), params(one))).status).toBe(409);

    const disabled = await disableRoute.POST(call("POST", "", token), params(one));
    expect(((await disabled.json()) as { client: { status: string } }).client.status).toBe("disabled");

    expect((await clientRoute.DELETE(call("DELETE", "", token, { confirmName: "wrong" }), params(one))).status).toBe(
      422,
    );
    expect((await clientRoute.DELETE(call("DELETE", "", token, { confirmName: "CI bot 2" }), params(one))).status).toBe(
      204,
    );
    expect((await clientRoute.GET(call("GET", "", token), params(one))).status).toBe(404);

    const events = await database.prisma.auditEvent.findMany({
      where: { targetId: client.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual([
      "client.created",
      "client.updated",
      "client.secret_rotated",
      "client.previous_secret_revoked",
      "client.disabled",
      "client.deleted",
    ]);
    expect(events.every((e) => e.actorType === "API_KEY" && e.actorLabel === "API key “ADMIN key”")).toBe(true);
  });

  it("answers 403 when the key's role lacks the permission", async () => {
    const viewer = await keyFor("VIEWER");
    const res = await clientsRoute.POST(call("POST", base, viewer, { name: "nope" }), params({ slug: server.slug }));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "FORBIDDEN", message: "Your role cannot do this." } });
    expect((await clientsRoute.GET(call("GET", base, viewer), params({ slug: server.slug }))).status).toBe(200);

    const developer = await keyFor("DEVELOPER");
    const created = await clientsRoute.POST(
      call("POST", base, developer, { name: "dev tool" }),
      params({ slug: server.slug }),
    );
    const { client } = (await created.json()) as { client: { id: string; name: string } };
    const del = await clientRoute.DELETE(
      call("DELETE", "", developer, { confirmName: client.name }),
      params({ slug: server.slug, id: client.id }),
    );
    expect(del.status).toBe(403);
  });

  it("answers 401 for a revoked, unknown or malformed key", async () => {
    const owner = await makeCtx(database, "OWNER");
    const { apiKey, token } = await createApiKey({ ctx: owner, input: { name: "to revoke", role: "ADMIN" } });
    expect((await clientsRoute.GET(call("GET", base, token), params({ slug: server.slug }))).status).toBe(200);
    await revokeApiKey({ ctx: owner, input: { keyId: apiKey.id } });
    const revoked = await clientsRoute.GET(call("GET", base, token), params({ slug: server.slug }));
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    expect((await clientsRoute.GET(call("GET", base, "gha_unknown"), params({ slug: server.slug }))).status).toBe(401);
    expect(
      (await clientsRoute.GET(call("GET", base, "ghs_not_an_api_key"), params({ slug: server.slug }))).status,
    ).toBe(401);
  });

  it("answers bad input with 422 and field errors, and an unknown server with 404", async () => {
    const token = await keyFor("ADMIN");
    const bad = await clientsRoute.POST(
      call("POST", base, token, { name: "x", redirectUris: ["http://evil.example/cb"] }),
      params({ slug: server.slug }),
    );
    expect(bad.status).toBe(422);
    expect(
      ((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields["redirectUris.0"],
    ).toBeDefined();
    const notJson = await clientsRoute.POST(
      new Request("http://localhost:3000/x", {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: "name=x",
      }),
      params({ slug: server.slug }),
    );
    expect(notJson.status).toBe(422);
    expect((await clientsRoute.GET(call("GET", base, token), params({ slug: "missing" }))).status).toBe(404);
  });

  it("reads, partly updates and deletes a server (confirmed by name, answering what it took down)", async () => {
    const token = await keyFor("ADMIN");
    const target = await insertServer(database);
    const one = params({ slug: target.slug });
    const got = (await (await serverRoute.GET(call("GET", "", token), one)).json()) as { server: { name: string } };
    expect(got.server.name).toBe(target.name);
    const patched = await serverRoute.PATCH(call("PATCH", "", token, { name: "Renamed", accessTokenTtl: 300 }), one);
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { server: unknown }).server).toMatchObject({
      name: "Renamed",
      accessTokenTtl: 300,
      slug: target.slug,
      resourceUrl: target.resourceUrl,
    });
    const viewer = await keyFor("VIEWER");
    expect((await serverRoute.DELETE(call("DELETE", "", viewer, { confirmName: "Renamed" }), one)).status).toBe(403);
    const unconfirmed = await serverRoute.DELETE(call("DELETE", "", token, {}), one);
    expect(unconfirmed.status).toBe(422);
    expect(((await unconfirmed.json()) as { error: { fields: object } }).error.fields).toHaveProperty("confirmName");
    expect((await serverRoute.DELETE(call("DELETE", "", token, { confirmName: "wrong" }), one)).status).toBe(422);
    const deleted = await serverRoute.DELETE(call("DELETE", "", token, { confirmName: "Renamed" }), one);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({
      deleted: { clients: 0, consents: 0, authorizations: 0, initialAccessTokens: 0, scopes: expect.any(Number) },
    });
    expect((await serverRoute.GET(call("GET", "", token), one)).status).toBe(404);
    expect((await serverRoute.DELETE(call("DELETE", "", token, { confirmName: "Renamed" }), one)).status).toBe(404);
  });

  it("finds a user by email, reads their access, revokes it and disables them; each step audited", async () => {
    const token = await keyFor("SECURITY");
    const person = await insertUser(database, null);
    const found = await usersRoute.GET(call("GET", `/api/v1/users?q=${person.email.toUpperCase()}`, token), params({}));
    const { users } = (await found.json()) as { users: { id: string }[] };
    expect(users.map((u) => u.id)).toEqual([person.id]);
    const one = params({ id: person.id });
    const access = await userRoute.GET(call("GET", "", token), one);
    expect(await access.json()).toMatchObject({ user: { id: person.id, email: person.email }, consents: [] });
    const revoked = await revokeAccessRoute.POST(call("POST", "", token), one);
    expect(await revoked.json()).toEqual({ revoked: [] });
    const disabled = await userDisableRoute.POST(call("POST", "", token), one);
    expect(((await disabled.json()) as { user: { disabledAt: string | null } }).user.disabledAt).not.toBeNull();
    const enabled = await userEnableRoute.POST(call("POST", "", token), one);
    expect(((await enabled.json()) as { user: { disabledAt: string | null } }).user.disabledAt).toBeNull();
    expect(await database.prisma.auditEvent.count({ where: { targetId: person.id, actorType: "API_KEY" } })).toBe(2);

    const viewer = await keyFor("VIEWER");
    expect((await userDisableRoute.POST(call("POST", "", viewer), one)).status).toBe(403);
    expect((await revokeAccessRoute.POST(call("POST", "", viewer), one)).status).toBe(403);
    const missing = params({ id: "user_missing" });
    expect((await userRoute.GET(call("GET", "", token), missing)).status).toBe(404);
    expect((await revokeAccessRoute.POST(call("POST", "", token), missing)).status).toBe(404);
    const bad = await usersRoute.GET(call("GET", "/api/v1/users?kind=robots", token), params({}));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: object } }).error.fields).toHaveProperty("kind");
  });

  it("revokes a client's consents: a consent already gone is 404, revoke-all needs the client's name", async () => {
    const token = await keyFor("SECURITY");
    const admin = await keyFor("ADMIN");
    const created = await clientsRoute.POST(
      call("POST", base, admin, { name: "Consented" }),
      params({ slug: server.slug }),
    );
    const { client } = (await created.json()) as { client: { clientId: string } };
    const one = params({ slug: server.slug, id: client.clientId });
    const gone = await revokeConsentsRoute.POST(call("POST", "", token, { consentIds: ["cns_gone"] }), one);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    expect((await revokeConsentsRoute.POST(call("POST", "", token, {}), one)).status).toBe(422);
    expect((await revokeAllConsentsRoute.POST(call("POST", "", token, { confirmName: "x" }), one)).status).toBe(422);
    const all = await revokeAllConsentsRoute.POST(call("POST", "", token, { confirmName: "Consented" }), one);
    expect(await all.json()).toEqual({ revoked: [] });
    const viewer = await keyFor("VIEWER");
    expect(
      (await revokeAllConsentsRoute.POST(call("POST", "", viewer, { confirmName: "Consented" }), one)).status,
    ).toBe(403);
  });

  it("refuses unknown fields with 422 naming each one, on every kind of body", async () => {
    const token = await keyFor("ADMIN");
    const fieldsOf = async (res: Response) => {
      expect(res.status).toBe(422);
      return ((await res.json()) as { error: { code: string; fields: Record<string, string[]> } }).error;
    };
    const created = await fieldsOf(
      await clientsRoute.POST(call("POST", base, token, { name: "x", colour: "red" }), params({ slug: server.slug })),
    );
    expect(created).toMatchObject({ code: "INVALID", fields: { colour: ["Unknown field."] } });
    const nested = await fieldsOf(
      await serverRoute.PATCH(
        call("PATCH", "", token, { scopes: [{ name: "a", descripton: "typo" }] }),
        params({ slug: server.slug }),
      ),
    );
    expect(Object.keys(nested.fields)).toEqual(["scopes.0.descripton"]);
    const patched = await fieldsOf(
      await serverRoute.PATCH(call("PATCH", "", token, { id: "srv_other" }), params({ slug: server.slug })),
    );
    expect(Object.keys(patched.fields)).toEqual(["id"]);
    const { client } = (await (
      await clientsRoute.POST(call("POST", base, token, { name: "Strict" }), params({ slug: server.slug }))
    ).json()) as { client: { id: string } };
    const one = params({ slug: server.slug, id: client.id });
    expect((await fieldsOf(await disableRoute.POST(call("POST", "", token, { reason: "x" }), one))).fields).toEqual({
      reason: ["Unknown field."],
    });
    expect(
      (await fieldsOf(await rotateRoute.POST(call("POST", "", token, { gracePeriod: "1h", force: true }), one))).fields,
    ).toHaveProperty("force");
    // No body, or {}, is fine where an endpoint takes none.
    expect((await enableRoute.POST(call("POST", "", token), one)).status).toBe(200);
    expect((await enableRoute.POST(call("POST", "", token, {}), one)).status).toBe(200);
  });

  it("answers the remaining endpoints in the documented shapes", async () => {
    const token = await keyFor("ADMIN");
    expect((await serversRoute.GET(call("GET", "/api/v1/servers", token), params({}))).status).toBe(200);
    const slug = `contract-${Date.now().toString(36)}`;
    const createdServer = await serversRoute.POST(
      call("POST", "/api/v1/servers", token, {
        name: "Contract",
        slug,
        resourceUrl: `https://${slug}.example.com/mcp`,
      }),
      params({}),
    );
    expect(createdServer.status).toBe(201);
    expect((await membersRoute.GET(call("GET", "/api/v1/members", token), params({}))).status).toBe(200);
    const created = await clientsRoute.POST(
      call("POST", base, token, { name: "Activity", redirectUris: ["https://app.example.com/cb"] }),
      params({ slug: server.slug }),
    );
    const { client } = (await created.json()) as { client: { id: string } };
    const one = params({ slug: server.slug, id: client.id });
    expect((await activityRoute.GET(call("GET", "", token), one)).status).toBe(200);
    expect((await consentsRoute.GET(call("GET", "?q=someone", token), one)).status).toBe(200);
    expect((await approveRoute.POST(call("POST", "", token), one)).status).toBe(200);
    expect((await auditRoute.GET(call("GET", "/api/v1/audit", token), params({}))).status).toBe(200);
    expect((await clientRoute.GET(call("GET", "", token), params({ slug: server.slug, id: "cli_none" }))).status).toBe(
      404,
    );
  });
});
