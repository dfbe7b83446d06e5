// Token Status Lists through the services and the real route handlers: after each kind of change
// that ends a token, the list (decoded by @sd-jwt/jwt-status-list, an implementation none of us
// wrote) says INVALID exactly for the tokens introspection calls inactive, and VALID for the rest.
import { getListFromStatusListJWT } from "@sd-jwt/jwt-status-list";
import { createLocalJWKSet, decodeJwt, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { consentFlow } from "@/test/consent-flow";
import { createTestDb } from "@/test/db";
import { makeCtx } from "@/test/factories";
import {
  createClient,
  deleteClient,
  revokeAllUserAccess,
  revokeClientConsents,
  listClientConsents,
  setClientDisabled,
  setUserDisabled,
  systemContext,
} from "@/lib/services";
import { clientCredentialsGrant } from "@/lib/services/oauth/grants/client-credentials";
import { refreshTokens } from "@/lib/services/oauth/grants/refresh-token";
import { findOAuthClient } from "@/lib/services/oauth/oauth-client";
import { introspectToken, revokeToken } from "@/lib/services/oauth/revoke-and-introspect";
import { publishedJwks } from "@/lib/services/oauth/signing-keys";
import { allocateStatus, statusListToken, sweepStatusLists } from "@/lib/services/oauth/status-lists";
import { authorizationServerMetadata } from "@/lib/oauth/metadata";
import { protocolRoute } from "@/test/protocol-route";
const listRoute = protocolRoute("/oauth/[slug]/status-lists/[id]");
const aggregationRoute = protocolRoute("/oauth/[slug]/status-lists");

const database = await createTestDb();
const { sys, slug, server, newUser, newClient, consentAndTokens, refresh } = await consentFlow(database, "tsl");

const issued: string[] = [];
async function track<T extends { access_token: string }>(p: Promise<T>): Promise<T> {
  const t = await p;
  issued.push(t.access_token);
  return t;
}

function reference(token: string): { idx: number; uri: string } {
  return (decodeJwt(token) as { status: { status_list: { idx: number; uri: string } } }).status.status_list;
}

/** The token's bit in a freshly built list (the service, uncached with a test database). */
async function bitOf(token: string): Promise<number> {
  const { idx, uri } = reference(token);
  const list = await statusListToken(sys, server, uri.split("/").pop()!);
  return getListFromStatusListJWT(list!.jwt).getStatus(idx);
}

/** Every token issued so far: INVALID in the list exactly when introspection says inactive. */
async function expectListMatchesIntrospection() {
  for (const token of issued) {
    const active = (await introspectToken(sys, server, token)).active;
    expect(await bitOf(token), `${active ? "active" : "inactive"} token`).toBe(active ? 0 : 1);
  }
}

describe("Token Status List (draft-ietf-oauth-status-list)", () => {
  it("TSL-05: every access token names a distinct index in a list under the issuer", async () => {
    const client = await newClient();
    const a = await track(consentAndTokens(await newUser(), client));
    const b = await track(consentAndTokens(await newUser(), client));
    const [ra, rb] = [reference(a.access_token), reference(b.access_token)];
    expect(ra.uri).toMatch(new RegExp(`^${server.issuer}/status-lists/sl_[A-Za-z0-9_-]+$`));
    expect(ra.uri).toBe(rb.uri);
    expect(ra.idx).not.toBe(rb.idx);
    expect(await bitOf(a.access_token)).toBe(0);
  });

  it("TSL-06: access-token revocation, consent revocation, refresh reuse and revoke-all flip exactly their tokens", async () => {
    const client = await newClient();
    const users = [await newUser(), await newUser(), await newUser(), await newUser()];
    const t = [];
    for (const u of users) t.push(await track(consentAndTokens(u, client)));
    // RFC 7009 revocation of one access token: its jti is deny-listed.
    await revokeToken(sys, server, client.record, t[0]!.access_token);
    // A consent revoked in the Consents tab: its family is gone.
    const consents = await listClientConsents({ ctx: sys, serverSlug: slug, clientId: client.dto.id, input: {} });
    const second = consents.consents.find((c) => c.user.id === users[1]!.id)!;
    await revokeClientConsents({
      ctx: await makeCtx(database, "SECURITY"),
      serverSlug: slug,
      clientId: client.dto.id,
      input: { consentIds: [second.id] },
    });
    // Refresh-token reuse after the grace window revokes the family (and the successor's token).
    const successor = await track(refresh(client, t[2]!.refresh_token!));
    const later = new Date(Date.now() + (server.refreshGraceSeconds + 5) * 1000);
    await expect(
      refreshTokens(
        sys,
        server,
        client.record,
        { refreshToken: t[2]!.refresh_token!, scope: undefined, resources: [] },
        later,
      ),
    ).rejects.toMatchObject({ code: "invalid_grant" });
    expect(await bitOf(successor.access_token)).toBe(1);
    // An administrator revokes all of a person's access.
    await revokeAllUserAccess({ ctx: await makeCtx(database, "SECURITY"), userId: users[3]!.id });

    expect(await bitOf(t[0]!.access_token)).toBe(1);
    expect(await bitOf(t[1]!.access_token)).toBe(1);
    expect(await bitOf(t[2]!.access_token)).toBe(1);
    expect(await bitOf(t[3]!.access_token)).toBe(1);
    await expectListMatchesIntrospection();
  });

  it("TSL-07: a disabled user, a disabled client and a deleted client flip their tokens; re-enabling the client restores its valid ones", async () => {
    const client = await newClient();
    const other = await newClient();
    const [u1, u2] = [await newUser(), await newUser()];
    const byDisabledUser = await track(consentAndTokens(u1, client));
    const kept = await track(consentAndTokens(u2, client));
    const onOther = await track(consentAndTokens(u2, other));
    const admin = await makeCtx(database, "ADMIN");
    await setUserDisabled({ ctx: admin, userId: u1.id, disabled: true });
    expect(await bitOf(byDisabledUser.access_token)).toBe(1);
    expect(await bitOf(kept.access_token)).toBe(0);

    await setClientDisabled({ ctx: admin, serverSlug: slug, input: { clientId: client.dto.id }, disabled: true });
    expect(await bitOf(kept.access_token)).toBe(1);
    await expectListMatchesIntrospection();
    await setClientDisabled({ ctx: admin, serverSlug: slug, input: { clientId: client.dto.id }, disabled: false });
    expect(await bitOf(kept.access_token)).toBe(0);

    await deleteClient({
      ctx: admin,
      serverSlug: slug,
      input: { clientId: other.dto.id, confirmName: other.dto.name },
    });
    expect(await bitOf(onOther.access_token)).toBe(1);
    await expectListMatchesIntrospection();
  });

  it("TSL-07: client-credentials tokens die with their client", async () => {
    const { client } = await createClient({ ctx: sys, serverSlug: slug, input: { name: "Machine" } });
    const record = (await findOAuthClient(sys, server.id, client.clientId))!;
    const token = await track(clientCredentialsGrant(sys, server, record, { scope: undefined, resources: [] }));
    expect(await bitOf(token.access_token)).toBe(0);
    await setClientDisabled({ ctx: sys, serverSlug: slug, input: { clientId: client.id }, disabled: true });
    expect(await bitOf(token.access_token)).toBe(1);
    await expectListMatchesIntrospection();
  });

  it("TSL-08: the route serves a signed application/statuslist+jwt with Cache-Control = ttl, an ETag and 304", async () => {
    const client = await newClient();
    const tokens = await track(consentAndTokens(await newUser(), client));
    const { uri, idx } = reference(tokens.access_token);
    const id = uri.split("/").pop()!;
    const get = (headers: Record<string, string> = {}) =>
      listRoute.GET(new Request(uri, { headers }), { params: Promise.resolve({ slug, id }) });
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/statuslist+jwt");
    expect(res.headers.get("cache-control")).toBe(`public, max-age=${server.statusListTtl}`);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const etag = res.headers.get("etag")!;
    const jwt = await res.text();
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(await publishedJwks(sys)), {
      typ: "statuslist+jwt",
      subject: uri,
    });
    expect(payload.ttl).toBe(server.statusListTtl);
    expect(getListFromStatusListJWT(jwt).getStatus(idx)).toBe(0);
    expect((await get({ "if-none-match": etag })).status).toBe(304);
    expect((await listRoute.GET(new Request(uri), { params: Promise.resolve({ slug, id: "sl_nope" }) })).status).toBe(
      404,
    );

    const aggregation = await aggregationRoute.GET(new Request(`${server.issuer}/status-lists`), {
      params: Promise.resolve({ slug }),
    });
    expect(((await aggregation.json()) as { status_lists: string[] }).status_lists).toContain(uri);
    expect(authorizationServerMetadata({ issuer: server.issuer, scopes: [], dcrEnabled: false })).toMatchObject({
      status_list_aggregation_endpoint: `${server.issuer}/status-lists`,
    });
  });

  it("TSL-09: the sweep closes day-old lists and deletes them once their tokens have expired", async () => {
    const client = await newClient();
    const tokens = await consentAndTokens(await newUser(), client);
    const id = reference(tokens.access_token).uri.split("/").pop()!;
    expect(await sweepStatusLists(sys, new Date(Date.now() + 3600_000))).toBe(0);
    await sweepStatusLists(sys, new Date(Date.now() + 25 * 3600_000)); // closes it
    expect((await database.prisma.statusList.findUniqueOrThrow({ where: { id } })).closedAt).not.toBeNull();
    // A new token goes to a new list.
    const next = await consentAndTokens(await newUser(), client);
    expect(reference(next.access_token).uri).not.toContain(id);
    expect(await sweepStatusLists(sys, new Date(Date.now() + 60 * 3600_000))).toBeGreaterThan(0);
    expect(await database.prisma.statusList.findUnique({ where: { id } })).toBeNull();
    expect(await database.prisma.statusListEntry.count({ where: { listId: id } })).toBe(0);
  });
});

describe("index allocation outside a transaction (TSL-11)", () => {
  it("concurrent tokens share one INSERT: distinct indexes, every entry stored before the token is returned", async () => {
    const processCtx = systemContext("tsl-batch"); // no ctx.db: the process database, batched
    const client = await newClient();
    const deleted = await newClient();
    await database.prisma.oAuthClient.delete({ where: { id: deleted.record.id } });
    const jtis = Array.from({ length: 40 }, (_, i) => `batch-${i}-${Date.now()}`);
    const results = await Promise.allSettled([
      ...jtis.map((jti) =>
        allocateStatus(processCtx, server, { jti, clientRowId: client.record.id, familyId: undefined }, new Date()),
      ),
      // A client deleted meanwhile fails the shared statement: the others still get their entries.
      allocateStatus(
        processCtx,
        server,
        { jti: "gone", clientRowId: deleted.record.id, familyId: undefined },
        new Date(),
      ),
    ]);
    expect(results.at(-1)).toMatchObject({ status: "rejected", reason: { code: "invalid_grant" } });
    const claims = results
      .slice(0, -1)
      .map((r) => (r as PromiseFulfilledResult<{ status_list: { idx: number } }>).value);
    expect(new Set(claims.map((c) => c.status_list.idx)).size).toBe(jtis.length);
    const rows = await database.prisma.statusListEntry.findMany({ where: { jti: { in: jtis } } });
    expect(rows.map((r) => r.idx).sort()).toEqual(claims.map((c) => c.status_list.idx).sort());
  });
});
