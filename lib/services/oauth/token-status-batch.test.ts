// PostgreSQL's status checks share queries under concurrency; they must answer exactly as one
// query per check would, and never from a query that started before the check was asked.
import { describe, expect, it } from "vitest";
import { database } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { CLIENT_SUBJECT_PREFIX, type AccessTokenClaims } from "@/lib/oauth/access-token";
import { systemContext } from "@/lib/services";
import { createTestDb } from "@/test/db";
import { insertServer } from "@/test/factories";
import { isAccessTokenActive } from "./token-status";

const db = await createTestDb();

describe.runIf(db.kind === "postgres")("token status on PostgreSQL: concurrent checks batched", () => {
  async function machineClient(serverId: string, disabled = false) {
    const clientId = `ghc_${newId("request")}`;
    await db.prisma.oAuthClient.create({
      data: {
        id: newId("client"),
        serverId,
        clientId,
        name: "Batched",
        registration: "MANUAL",
        isConfidential: true,
        tokenEndpointAuthMethod: "client_secret_basic",
        grantTypes: ["client_credentials"],
        redirectUris: [],
        allowedScopes: ["mcp:tools"],
        disabledAt: disabled ? new Date() : null,
      },
    });
    return clientId;
  }
  const claimsFor = (
    server: { resourceUrl: string },
    clientId: string,
    extra: Partial<AccessTokenClaims> = {},
  ): AccessTokenClaims => ({
    iss: "https://gatehouse.example",
    sub: `${CLIENT_SUBJECT_PREFIX}${clientId}`,
    aud: server.resourceUrl,
    client_id: clientId,
    scope: "mcp:tools",
    iat: 0,
    exp: 0,
    jti: newId("request"),
    ...extra,
  });

  it("60 checks at once, of live, revoked, disabled-client, unknown-client and unknown-family tokens, answer as one query each would", async () => {
    expect(database().kind).toBe("postgres");
    const server = await insertServer(db);
    const live = await machineClient(server.id);
    const disabled = await machineClient(server.id, true);
    const revoked = claimsFor(server, live);
    await db.prisma.revokedAccessToken.create({ data: { jti: revoked.jti, expiresAt: new Date(Date.now() + 60_000) } });
    const cases: [AccessTokenClaims, boolean][] = [];
    for (let i = 0; i < 12; i++) {
      cases.push([claimsFor(server, live), true]);
      cases.push([revoked, false]);
      cases.push([claimsFor(server, disabled), false]);
      cases.push([claimsFor(server, `ghc_unknown_${i}`), false]);
      cases.push([claimsFor(server, live, { fam: newId("family") }), false]);
    }
    const processCtx = systemContext("test");
    const batched = await Promise.all(cases.map(([c]) => isAccessTokenActive(processCtx, server.id, c)));
    expect(batched).toEqual(cases.map(([, expected]) => expected));
    const prismaCtx = systemContext("test", { db: db.prisma });
    const single = [];
    for (const [c] of cases) single.push(await isAccessTokenActive(prismaCtx, server.id, c));
    expect(batched).toEqual(single);
  });

  it("a check asked after a revocation committed sees it, even while an earlier batch is still running", async () => {
    const server = await insertServer(db);
    const clientId = await machineClient(server.id);
    const processCtx = systemContext("test");
    const others = Array.from({ length: 20 }, () => claimsFor(server, clientId));
    const target = claimsFor(server, clientId);
    const inFlight = Promise.all(others.map((c) => isAccessTokenActive(processCtx, server.id, c)));
    await db.prisma.revokedAccessToken.create({ data: { jti: target.jti, expiresAt: new Date(Date.now() + 60_000) } });
    expect(await isAccessTokenActive(processCtx, server.id, target)).toBe(false);
    expect(await inFlight).toEqual(others.map(() => true));
  });
});

describe.runIf(db.kind !== "postgres")("token status batching", () => {
  it("is PostgreSQL's: the embedded database answers known tokens from memory instead", () => {
    expect(database().kind).toBe("pglite");
  });
});
