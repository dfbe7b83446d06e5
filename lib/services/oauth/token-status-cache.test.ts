// The embedded database's status cache must never outlive a change: every change that ends a
// token, made through the services (Prisma transactions) or straight in SQL, empties it before
// the writing code continues, so the very next check queries again and sees the token dead.
import { beforeEach, describe, expect, it } from "vitest";
import { database } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { CLIENT_SUBJECT_PREFIX, type AccessTokenClaims } from "@/lib/oauth/access-token";
import { revokeClientConsents, setClientDisabled, systemContext } from "@/lib/services";
import { createTestDb } from "@/test/db";
import { insertServer, insertUser, makeCtx } from "@/test/factories";
import { isAccessTokenActive } from "./token-status";
import { tokenStatusCache } from "./token-status-cache";

const db = await createTestDb();
const processCtx = systemContext("test"); // no ctx.db: the process database, where the cache lives

interface Fixture {
  server: Awaited<ReturnType<typeof insertServer>>;
  clientRow: string;
  clientId: string;
  userId: string;
  consentId: string;
  familyId: string;
  userClaims: AccessTokenClaims;
  machineClaims: AccessTokenClaims;
}

async function fixture(): Promise<Fixture> {
  const server = await insertServer(db);
  const user = await insertUser(db, null);
  const clientRow = newId("client");
  const clientId = `ghc_${newId("request")}`;
  await db.prisma.oAuthClient.create({
    data: {
      id: clientRow,
      serverId: server.id,
      clientId,
      name: "Cached",
      registration: "MANUAL",
      isConfidential: true,
      tokenEndpointAuthMethod: "client_secret_basic",
      grantTypes: ["authorization_code", "refresh_token", "client_credentials"],
      redirectUris: ["https://app.example/cb"],
      allowedScopes: ["mcp:tools"],
    },
  });
  const consentId = newId("consent");
  await db.prisma.consent.create({
    data: { id: consentId, serverId: server.id, clientId: clientRow, userId: user.id, scopes: ["mcp:tools"] },
  });
  const familyId = newId("family");
  await db.prisma.refreshFamily.create({
    data: {
      id: familyId,
      serverId: server.id,
      clientId: clientRow,
      userId: user.id,
      consentId,
      scopes: ["mcp:tools"],
      resource: server.resourceUrl,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  const base = {
    iss: "https://gatehouse.example",
    aud: server.resourceUrl,
    client_id: clientId,
    scope: "mcp:tools",
    iat: 0,
    exp: 0,
  };
  return {
    server,
    clientRow,
    clientId,
    userId: user.id,
    consentId,
    familyId,
    userClaims: { ...base, sub: user.id, fam: familyId, jti: newId("request") },
    machineClaims: { ...base, sub: `${CLIENT_SUBJECT_PREFIX}${clientId}`, jti: newId("request") },
  };
}

const check = (f: Fixture, claims: AccessTokenClaims) => isAccessTokenActive(processCtx, f.server.id, claims);

/** Active, and answered from memory on the second ask (the cache is listening and holds it). */
async function expectCachedActive(f: Fixture, claims: AccessTokenClaims) {
  expect(await check(f, claims)).toBe(true);
  const cache = tokenStatusCache(database());
  expect(cache, "the embedded database keeps a status cache").toBeDefined();
  const key = `${f.server.id}\n${claims.jti}\n${claims.client_id}\n${claims.fam ?? ""}\n${claims.sub}`;
  expect(await check(f, claims)).toBe(true);
  expect(cache!.isKnownActive(key)).toBe(true);
}

const embedded = db.kind === "pglite";

beforeEach(async () => {
  // The listener starts with the first check; let it subscribe before the tests rely on it.
  tokenStatusCache(database());
  await new Promise((r) => setTimeout(r, 50));
});

describe.runIf(embedded)("token status cache (embedded database): emptied by every change that ends a token", () => {
  it("a deny-listed jti (RFC 7009 revocation)", async () => {
    const f = await fixture();
    await expectCachedActive(f, f.machineClaims);
    await db.prisma.revokedAccessToken.create({
      data: { jti: f.machineClaims.jti, expiresAt: new Date(Date.now() + 60_000) },
    });
    expect(await check(f, f.machineClaims)).toBe(false);
  });

  it("a client disabled through the service layer (a Prisma transaction)", async () => {
    const f = await fixture();
    await expectCachedActive(f, f.machineClaims);
    await expectCachedActive(f, f.userClaims);
    const admin = await makeCtx(db, "ADMIN");
    await setClientDisabled({
      ctx: { ...admin, db: undefined },
      serverSlug: f.server.slug,
      input: { clientId: f.clientId },
      disabled: true,
    });
    expect(await check(f, f.machineClaims)).toBe(false);
    expect(await check(f, f.userClaims)).toBe(false);
  });

  it("a client deleted", async () => {
    const f = await fixture();
    await expectCachedActive(f, f.machineClaims);
    await db.prisma.oAuthClient.delete({ where: { id: f.clientRow } });
    expect(await check(f, f.machineClaims)).toBe(false);
  });

  it("a consent revoked through the service layer (the family goes with it)", async () => {
    const f = await fixture();
    await expectCachedActive(f, f.userClaims);
    const security = await makeCtx(db, "SECURITY");
    await revokeClientConsents({
      ctx: { ...security, db: undefined },
      serverSlug: f.server.slug,
      clientId: f.clientId,
      input: { consentIds: [f.consentId] },
    });
    expect(await check(f, f.userClaims)).toBe(false);
  });

  it("a consent deleted in SQL (cascade to the refresh family)", async () => {
    const f = await fixture();
    await expectCachedActive(f, f.userClaims);
    await db.prisma.$executeRawUnsafe(`DELETE FROM "Consent" WHERE "id" = $1`, f.consentId);
    expect(await check(f, f.userClaims)).toBe(false);
  });

  it("a refresh family revoked (reuse detection, code replay)", async () => {
    const f = await fixture();
    await expectCachedActive(f, f.userClaims);
    await db.prisma.refreshFamily.update({
      where: { id: f.familyId },
      data: { revokedAt: new Date(), revokedReason: "reuse_detected" },
    });
    expect(await check(f, f.userClaims)).toBe(false);
  });

  it("a user disabled, and a user deleted", async () => {
    const f = await fixture();
    await expectCachedActive(f, f.userClaims);
    await db.prisma.user.update({ where: { id: f.userId }, data: { disabledAt: new Date() } });
    expect(await check(f, f.userClaims)).toBe(false);

    const g = await fixture();
    await expectCachedActive(g, g.userClaims);
    await db.prisma.user.delete({ where: { id: g.userId } });
    expect(await check(g, g.userClaims)).toBe(false);
  });

  it("a change committed while a check is in flight keeps that check's answer out of memory", async () => {
    const f = await fixture();
    const inFlight = check(f, f.machineClaims); // reads before the revocation below commits
    const revoking = db.prisma.revokedAccessToken.create({
      data: { jti: f.machineClaims.jti, expiresAt: new Date(Date.now() + 60_000) },
    });
    await Promise.all([inFlight, revoking]);
    expect(await check(f, f.machineClaims)).toBe(false);
  });

  it("changes that end no token leave it cached (last used, a new consent, an unrelated update)", async () => {
    const f = await fixture();
    await expectCachedActive(f, f.machineClaims);
    await db.prisma.oAuthClient.update({
      where: { id: f.clientRow },
      data: { lastUsedAt: new Date(), name: "Renamed" },
    });
    const other = await insertUser(db, null);
    await db.prisma.consent.create({
      data: {
        id: newId("consent"),
        serverId: f.server.id,
        clientId: f.clientRow,
        userId: other.id,
        scopes: ["mcp:tools"],
      },
    });
    const key = `${f.server.id}\n${f.machineClaims.jti}\n${f.machineClaims.client_id}\n\n${f.machineClaims.sub}`;
    expect(tokenStatusCache(database())!.isKnownActive(key)).toBe(true);
  });
});

describe.runIf(!embedded)("token status cache on PostgreSQL", () => {
  it("is not used: other instances' changes would reach this one only asynchronously", () => {
    expect(tokenStatusCache(database())).toBeUndefined();
  });
});
