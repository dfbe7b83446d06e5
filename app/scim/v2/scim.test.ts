// /scim/v2 called as Okta and Microsoft Entra call it: real Request objects through the route
// handlers, a SCIM token per identity provider, a fresh database (PGlite, or PostgreSQL in CI).
import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { createScimToken, listScimTokens, revokeScimToken } from "@/lib/services";
import { introspectToken } from "@/lib/services/oauth/revoke-and-introspect";
import { consentFlow } from "@/test/consent-flow";
import { createTestDb } from "@/test/db";
import { auditCount, insertUser, makeCtx, unique } from "@/test/factories";
import * as catchAllRoute from "../[...path]/route";
import * as resourceTypesRoute from "./ResourceTypes/route";
import * as schemasRoute from "./Schemas/route";
import * as configRoute from "./ServiceProviderConfig/route";
import * as userRoute from "./Users/[id]/route";
import * as usersRoute from "./Users/route";

const database = await createTestDb();
const flow = await consentFlow(database, "scim");

async function newProvider(allowedDomains: string[] = []) {
  const slug = unique("idp");
  const provider = await database.prisma.identityProvider.create({
    data: {
      id: newId("identityProvider"),
      slug,
      label: `IdP ${slug}`,
      issuer: `https://${slug}.example.com`,
      clientId: "gatehouse",
      allowedDomains,
    },
  });
  const admin = await makeCtx(database, "ADMIN");
  const { token, scimToken } = await createScimToken({
    ctx: admin,
    input: { providerId: provider.id, name: "Okta app" },
  });
  return { provider, token, tokenId: scimToken.id, admin };
}

function req(method: string, path: string, token: string | null, body?: unknown): Request {
  const headers = new Headers({ "content-type": "application/scim+json" });
  if (token) headers.set("authorization", `Bearer ${token}`);
  return new Request(`http://localhost:3000/scim/v2${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const none = params({});

async function scim(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/scim+json");
  return (await res.json()) as Record<string, unknown> & { id: string };
}

function email(prefix: string) {
  return `${unique(prefix)}@acme.test`;
}

describe("SCIM Users, as Okta sends them", () => {
  it("looks up, creates, reads, lists by filter, deactivates (deprovisioning) and reactivates", async () => {
    const { token } = await newProvider(["acme.test"]);
    const userName = email("okta");
    const filter = `?filter=${encodeURIComponent(`userName eq "${userName.toUpperCase()}"`)}&startIndex=1&count=100`;
    const lookup = await scim(await usersRoute.GET(req("GET", `/Users${filter}`, token), none));
    expect(lookup).toMatchObject({ totalResults: 0, Resources: [], startIndex: 1, itemsPerPage: 0 });

    const created = await usersRoute.POST(
      req("POST", "/Users", token, {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName,
        name: { givenName: "Grace", familyName: "Hopper" },
        emails: [{ primary: true, value: userName, type: "work" }],
        displayName: "Grace Hopper",
        locale: "en-US",
        externalId: "00u1okta",
        groups: [],
        password: "ignored-Password-1",
        active: true,
      }),
      none,
    );
    expect(created.status).toBe(201);
    const user = await scim(created);
    expect(created.headers.get("location")).toBe(`http://localhost:3000/scim/v2/Users/${user.id}`);
    expect(user).toMatchObject({ userName, active: true, externalId: "00u1okta", displayName: "Grace Hopper" });
    expect(await auditCount(database, "scim_user.created", user.id)).toBe(1);
    const stored = await database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored).toMatchObject({ passwordHash: null, givenName: "Grace", familyName: "Hopper", role: null });

    const found = await scim(await usersRoute.GET(req("GET", `/Users${filter}`, token), none));
    expect(found).toMatchObject({ totalResults: 1, Resources: [{ id: user.id, userName }] });
    expect(await scim(await userRoute.GET(req("GET", `/Users/${user.id}`, token), params({ id: user.id })))).toEqual(
      user,
    );

    // The person uses an MCP client; then Okta deactivates them.
    const session = { id: user.id, email: userName, name: null, role: null };
    const client = await flow.newClient();
    const tokens = await flow.consentAndTokens(session, client);
    const deactivated = await userRoute.PATCH(
      req("PATCH", `/Users/${user.id}`, token, {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "replace", value: { active: false } }],
      }),
      params({ id: user.id }),
    );
    expect(await scim(deactivated)).toMatchObject({ active: false });
    expect(await introspectToken(flow.sys, flow.server, tokens.access_token)).toEqual({ active: false });
    await expect(flow.refresh(client, tokens.refresh_token!)).rejects.toMatchObject({ code: "invalid_grant" });
    expect(await auditCount(database, "user.deprovisioned", user.id)).toBe(1);

    const reactivated = await userRoute.PATCH(
      req("PATCH", `/Users/${user.id}`, token, { Operations: [{ op: "replace", value: { active: true } }] }),
      params({ id: user.id }),
    );
    expect(await scim(reactivated)).toMatchObject({ active: true });
    expect(await auditCount(database, "user.reactivated", user.id)).toBe(1);
    expect(await database.prisma.consent.count({ where: { userId: user.id } })).toBe(0);
    expect(await introspectToken(flow.sys, flow.server, tokens.access_token)).toEqual({ active: false });
  });

  it("pages with startIndex and count; totalResults counts only this provider's users", async () => {
    const { token } = await newProvider();
    const other = await newProvider();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await usersRoute.POST(req("POST", "/Users", token, { userName: email(`p${i}`) }), none);
      ids.push((await scim(res)).id);
    }
    await usersRoute.POST(req("POST", "/Users", other.token, { userName: email("other") }), none);
    const page = await scim(await usersRoute.GET(req("GET", "/Users?startIndex=2&count=2", token), none));
    expect(page).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect((page.Resources as { id: string }[]).map((r) => r.id)).toEqual(ids.slice(1, 3));
    const countOnly = await scim(await usersRoute.GET(req("GET", "/Users?count=0", token), none));
    expect(countOnly).toMatchObject({ totalResults: 5, itemsPerPage: 0 });
    // Another provider's token cannot see, change or delete these users.
    for (const res of [
      await userRoute.GET(req("GET", `/Users/${ids[0]}`, other.token), params({ id: ids[0]! })),
      await userRoute.DELETE(req("DELETE", `/Users/${ids[0]}`, other.token), params({ id: ids[0]! })),
    ])
      expect(await scim(res)).toMatchObject({ status: "404" });
  });
});

describe("SCIM Users, as Microsoft Entra ID sends them", () => {
  it("creates, finds by externalId, patches with Entra's shapes, replaces and deletes", async () => {
    const { token } = await newProvider();
    const userName = email("entra");
    const created = await scim(
      await usersRoute.POST(
        req("POST", "/Users", token, {
          schemas: [
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
          ],
          externalId: "8c3e-entra",
          userName,
          active: "True",
          emails: [{ primary: true, type: "work", value: userName }],
          name: { formatted: "Alan Turing", familyName: "Turing", givenName: "Alan" },
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Codebreaking" },
          roles: [],
        }),
        none,
      ),
    );
    expect(created).toMatchObject({ userName, active: true, name: { formatted: "Alan Turing" } });
    const byExternalId = await scim(
      await usersRoute.GET(
        req("GET", `/Users?filter=${encodeURIComponent('externalId eq "8c3e-entra"')}`, token),
        none,
      ),
    );
    expect(byExternalId).toMatchObject({ totalResults: 1, Resources: [{ id: created.id }] });

    const moved = email("entra-moved");
    const patched = await scim(
      await userRoute.PATCH(
        req("PATCH", `/Users/${created.id}`, token, {
          schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          Operations: [
            { op: "Add", path: "name.givenName", value: "Alan M." },
            { op: "Replace", path: 'emails[type eq "work"].value', value: moved },
            { op: "Replace", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", value: "x" },
            { op: "Replace", path: "displayName", value: "A. M. Turing" },
          ],
        }),
        params({ id: created.id }),
      ),
    );
    expect(patched).toMatchObject({ userName: moved, name: { givenName: "Alan M." }, displayName: "A. M. Turing" });

    const session = { id: created.id, email: moved, name: null, role: null };
    const client = await flow.newClient();
    const tokens = await flow.consentAndTokens(session, client);
    const disabled = await scim(
      await userRoute.PATCH(
        req("PATCH", `/Users/${created.id}`, token, {
          schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          Operations: [{ op: "Replace", path: "active", value: "False" }],
        }),
        params({ id: created.id }),
      ),
    );
    expect(disabled).toMatchObject({ active: false });
    expect(await introspectToken(flow.sys, flow.server, tokens.access_token)).toEqual({ active: false });

    const replaced = await scim(
      await userRoute.PUT(
        req("PUT", `/Users/${created.id}`, token, {
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
          userName: moved,
          externalId: "8c3e-entra",
          name: { givenName: "Alan", familyName: "Turing" },
          active: true,
        }),
        params({ id: created.id }),
      ),
    );
    expect(replaced).toMatchObject({ active: true, displayName: "Alan Turing", name: { familyName: "Turing" } });

    const deleted = await userRoute.DELETE(req("DELETE", `/Users/${created.id}`, token), params({ id: created.id }));
    expect(deleted.status).toBe(204);
    expect(
      await scim(await userRoute.GET(req("GET", `/Users/${created.id}`, token), params({ id: created.id }))),
    ).toMatchObject({ status: "404" });
    const row = await database.prisma.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.disabledAt).not.toBeNull();
    expect(row.scimProviderId).toBeNull();
    expect(await auditCount(database, "scim_user.deleted", created.id)).toBe(1);
  });
});

describe("SCIM refusals are SCIM errors, never a 500", () => {
  it("answers malformed bodies and filters with 400 and the scimType", async () => {
    const { token } = await newProvider(["acme.test"]);
    const existing = await scim(await usersRoute.POST(req("POST", "/Users", token, { userName: email("x") }), none));
    const id = existing.id;
    const cases: [Promise<Response>, number, string | undefined][] = [
      [usersRoute.POST(req("POST", "/Users", token, "{not json"), none), 400, "invalidSyntax"],
      [usersRoute.POST(req("POST", "/Users", token, "[]"), none), 400, "invalidSyntax"],
      [usersRoute.POST(req("POST", "/Users", token, { name: {} }), none), 400, "invalidValue"],
      [usersRoute.POST(req("POST", "/Users", token, { userName: "x@elsewhere.test" }), none), 400, "invalidValue"],
      [usersRoute.POST(req("POST", "/Users", token, { userName: existing.userName }), none), 409, "uniqueness"],
      [
        usersRoute.GET(req("GET", `/Users?filter=${encodeURIComponent('userName sw "a"')}`, token), none),
        400,
        "invalidFilter",
      ],
      [
        usersRoute.GET(req("GET", `/Users?filter=${encodeURIComponent('title eq "x"')}`, token), none),
        400,
        "invalidFilter",
      ],
      [usersRoute.GET(req("GET", "/Users?filter=userName%20eq", token), none), 400, "invalidFilter"],
      [usersRoute.GET(req("GET", "/Users?startIndex=x", token), none), 400, "invalidValue"],
      [userRoute.PATCH(req("PATCH", `/Users/${id}`, token, "{"), params({ id })), 400, "invalidSyntax"],
      [
        userRoute.PATCH(req("PATCH", `/Users/${id}`, token, { Operations: [{ op: "jump" }] }), params({ id })),
        400,
        "invalidSyntax",
      ],
      [
        userRoute.PATCH(
          req("PATCH", `/Users/${id}`, token, { Operations: [{ op: "replace", path: "active", value: "nope" }] }),
          params({ id }),
        ),
        400,
        "invalidValue",
      ],
      [userRoute.PUT(req("PUT", `/Users/${id}`, token, { userName: 7 }), params({ id })), 400, "invalidValue"],
      [userRoute.GET(req("GET", "/Users/usr_nope", token), params({ id: "usr_nope" })), 404, undefined],
      [
        usersRoute.POST(
          req("POST", "/Users", token, JSON.stringify({ userName: "a@acme.test", pad: "x".repeat(1_100_000) })),
          none,
        ),
        413,
        undefined,
      ],
    ];
    for (const [pending, status, scimType] of cases) {
      const res = await pending;
      const body = await scim(res);
      expect({ status: res.status, body }).toMatchObject({
        status,
        body: {
          schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
          status: String(status),
          ...(scimType ? { scimType } : {}),
        },
      });
    }
  });

  it("a PATCH or PUT onto a taken userName is a 409 uniqueness, and changes nothing", async () => {
    const { token } = await newProvider();
    const a = await scim(await usersRoute.POST(req("POST", "/Users", token, { userName: email("a") }), none));
    const b = await scim(await usersRoute.POST(req("POST", "/Users", token, { userName: email("b") }), none));
    const moved = await userRoute.PATCH(
      req("PATCH", `/Users/${b.id}`, token, {
        Operations: [{ op: "replace", path: "userName", value: a.userName }],
      }),
      params({ id: b.id }),
    );
    expect(moved.status).toBe(409);
    expect(await scim(moved)).toMatchObject({ scimType: "uniqueness" });
    const put = await userRoute.PUT(
      req("PUT", `/Users/${b.id}`, token, { userName: a.userName }),
      params({ id: b.id }),
    );
    expect(put.status).toBe(409);
    expect(await database.prisma.user.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ email: b.userName });
  });

  it("never adopts a staff account or another provider's user", async () => {
    const { token } = await newProvider();
    const staff = await insertUser(database, "ADMIN");
    const res = await usersRoute.POST(req("POST", "/Users", token, { userName: staff.email }), none);
    expect(res.status).toBe(409);
    // A local end user with that email is adopted: the IdP takes over the account.
    const local = await insertUser(database, null);
    const adopted = await scim(await usersRoute.POST(req("POST", "/Users", token, { userName: local.email }), none));
    expect(adopted.id).toBe(local.id);
  });

  it("refuses a missing, wrong or revoked token with 401", async () => {
    const { provider, token, tokenId, admin } = await newProvider();
    for (const t of [null, "ghscim_wrong", "gha_notscim", `${token}x`]) {
      const res = await usersRoute.GET(req("GET", "/Users", t), none);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(await scim(res)).toMatchObject({ status: "401" });
    }
    expect((await usersRoute.GET(req("GET", "/Users", token), none)).status).toBe(200);
    await revokeScimToken({ ctx: admin, input: { providerId: provider.id, tokenId } });
    expect((await usersRoute.GET(req("GET", "/Users", token), none)).status).toBe(401);
    expect((await configRoute.GET(req("GET", "/ServiceProviderConfig", token), none)).status).toBe(401);
    expect(await auditCount(database, "scim_token.revoked", tokenId)).toBe(1);
  });
});

describe("SCIM discovery and tokens", () => {
  it("serves ServiceProviderConfig, ResourceTypes and Schemas; unknown endpoints are SCIM 404s", async () => {
    const { token } = await newProvider();
    expect(await scim(await configRoute.GET(req("GET", "/ServiceProviderConfig", token), none))).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      bulk: { supported: false },
    });
    expect(await scim(await resourceTypesRoute.GET(req("GET", "/ResourceTypes", token), none))).toMatchObject({
      totalResults: 1,
      Resources: [{ id: "User", endpoint: "/Users" }],
    });
    expect(await scim(await schemasRoute.GET(req("GET", "/Schemas", token), none))).toMatchObject({
      Resources: [{ id: "urn:ietf:params:scim:schemas:core:2.0:User" }],
    });
    expect(await scim(await catchAllRoute.GET())).toMatchObject({ status: "404" });
  });

  it("tokens: owners and admins only, shown once, stored hashed, listed without the secret, audited", async () => {
    const { provider, token, tokenId } = await newProvider();
    await expect(
      createScimToken({ ctx: await makeCtx(database, "DEVELOPER"), input: { providerId: provider.id, name: "x" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const row = await database.prisma.scimToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(row.tokenHash).not.toContain(token);
    expect(token.startsWith(row.prefix)).toBe(true);
    const listed = await listScimTokens({ ctx: await makeCtx(database, "OWNER"), providerId: provider.id });
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(await auditCount(database, "scim_token.created", tokenId)).toBe(1);
  });
});
