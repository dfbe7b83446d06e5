import { describe, expect, it } from "vitest";
import { consentFlow } from "@/test/consent-flow";
import { metrics } from "@/lib/metrics/metrics";
import { createTestDb } from "@/test/db";
import { counted } from "@/test/metrics";
import { insertUser, makeCtx } from "@/test/factories";
import {
  ForbiddenError,
  getUserAccess,
  listClientConsents,
  listMyApps,
  revokeAllClientConsents,
  revokeAllUserAccess,
  revokeClientConsents,
  revokeMyApp,
  setUserDisabled,
} from "@/lib/services";
import { refreshTokens } from "@/lib/services/oauth/grants/refresh-token";
import { introspectToken } from "@/lib/services/oauth/revoke-and-introspect";

const database = await createTestDb();
const { sys, slug, server, newUser, newClient, consentAndTokens } = await consentFlow(database);

describe("the Consents tab", () => {
  it("lists who consented, with scopes and live refresh tokens; searches by email; pages", async () => {
    const client = await newClient();
    const users = [];
    for (let i = 0; i < 27; i++) {
      const u = await newUser();
      users.push(u);
      await consentAndTokens(u, client);
    }
    const viewer = await makeCtx(database, "VIEWER");
    const first = await listClientConsents({ ctx: viewer, serverSlug: slug, clientId: client.dto.id, input: {} });
    expect(first.consents).toHaveLength(25);
    expect(first.consents[0]).toMatchObject({
      scopes: [{ name: "mcp:tools", description: "Use tools" }],
      liveRefreshTokens: 1,
    });
    const second = await listClientConsents({
      ctx: viewer,
      serverSlug: slug,
      clientId: client.dto.id,
      input: { cursor: first.nextCursor },
    });
    expect(second.consents).toHaveLength(2);
    const found = await listClientConsents({
      ctx: viewer,
      serverSlug: slug,
      clientId: client.dto.id,
      input: { q: users[3]!.email.toUpperCase() },
    });
    expect(found.consents.map((c) => c.user.id)).toEqual([users[3]!.id]);
    const row = await database.prisma.oAuthClient.findUniqueOrThrow({ where: { id: client.dto.id } });
    expect(row.consentCount).toBe(27);
  });

  it("revokes: the refresh token stops, introspection says inactive, the audit log has it; VIEWER and DEVELOPER may not", async () => {
    const client = await newClient();
    const user = await newUser();
    const tokens = await consentAndTokens(user, client);
    const consent = (await listClientConsents({ ctx: sys, serverSlug: slug, clientId: client.dto.id, input: {} }))
      .consents[0]!;
    for (const role of ["VIEWER", "DEVELOPER"] as const) {
      const ctx = await makeCtx(database, role);
      await expect(
        revokeClientConsents({ ctx, serverSlug: slug, clientId: client.dto.id, input: { consentIds: [consent.id] } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    const security = await makeCtx(database, "SECURITY");
    const revoked = await revokeClientConsents({
      ctx: security,
      serverSlug: slug,
      clientId: client.dto.id,
      input: { consentIds: [consent.id] },
    });
    expect(revoked).toEqual([{ id: consent.id, userEmail: user.email, clientName: client.dto.name }]);
    expect(await introspectToken(sys, server, tokens.access_token)).toEqual({ active: false });
    await expect(
      refreshTokens(sys, server, client.record, {
        refreshToken: tokens.refresh_token!,
        scope: undefined,
        resources: [],
      }),
    ).rejects.toMatchObject({ code: "invalid_grant" });
    const event = await database.prisma.auditEvent.findFirstOrThrow({
      where: { action: "consent.revoked", targetId: consent.id },
    });
    expect(event.details).toMatchObject({ userEmail: user.email, reason: "revoked_by_admin" });
    expect((await database.prisma.oAuthClient.findUniqueOrThrow({ where: { id: client.dto.id } })).consentCount).toBe(
      0,
    );
  });

  it("revokes all consents of a client only after its exact name is typed", async () => {
    const client = await newClient();
    const granted = await counted(metrics.consents, { change: "granted" });
    const revoked = await counted(metrics.consents, { change: "revoked" });
    await consentAndTokens(await newUser(), client);
    await consentAndTokens(await newUser(), client);
    expect(await counted(metrics.consents, { change: "granted" })).toBe(granted + 2);
    const admin = await makeCtx(database, "ADMIN");
    await expect(
      revokeAllClientConsents({ ctx: admin, serverSlug: slug, clientId: client.dto.id, confirmName: "nope" }),
    ).rejects.toMatchObject({ fieldErrors: { confirmName: [expect.any(String)] } });
    expect(
      await revokeAllClientConsents({
        ctx: admin,
        serverSlug: slug,
        clientId: client.dto.id,
        confirmName: client.dto.name,
      }),
    ).toHaveLength(2);
    expect(await counted(metrics.consents, { change: "revoked" })).toBe(revoked + 2);
    expect(
      (await listClientConsents({ ctx: admin, serverSlug: slug, clientId: client.dto.id, input: {} })).consents,
    ).toHaveLength(0);
  });
});

describe("a user's access", () => {
  it("lists every consent of a user; 'Revoke all access' ends them all", async () => {
    const user = await newUser();
    const a = await newClient();
    const b = await newClient();
    const ta = await consentAndTokens(user, a);
    await consentAndTokens(user, b);
    const security = await makeCtx(database, "SECURITY");
    expect((await getUserAccess({ ctx: security, userId: user.id })).consents).toHaveLength(2);
    expect(await revokeAllUserAccess({ ctx: security, userId: user.id })).toHaveLength(2);
    expect((await getUserAccess({ ctx: security, userId: user.id })).consents).toHaveLength(0);
    expect(await introspectToken(sys, server, ta.access_token)).toEqual({ active: false });
  });

  it("disabling a user cuts live tokens and refresh at once; enabling restores the account, not the tokens' grant", async () => {
    const user = await newUser();
    const client = await newClient();
    const tokens = await consentAndTokens(user, client);
    const security = await makeCtx(database, "SECURITY");
    await setUserDisabled({ ctx: security, userId: user.id, disabled: true });
    expect(await introspectToken(sys, server, tokens.access_token)).toEqual({ active: false });
    await expect(
      refreshTokens(sys, server, client.record, {
        refreshToken: tokens.refresh_token!,
        scope: undefined,
        resources: [],
      }),
    ).rejects.toMatchObject({ code: "invalid_grant" });
    expect(await database.prisma.auditEvent.count({ where: { action: "user.disabled", targetId: user.id } })).toBe(1);
    const developer = await makeCtx(database, "DEVELOPER");
    await expect(setUserDisabled({ ctx: developer, userId: user.id, disabled: false })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await setUserDisabled({ ctx: security, userId: user.id, disabled: false });
    expect(await introspectToken(sys, server, tokens.access_token)).toMatchObject({ active: true });
  });

  it("only an owner disables an owner, and nobody disables themselves", async () => {
    const admin = await makeCtx(database, "ADMIN");
    const owner = await insertUser(database, "OWNER");
    await expect(setUserDisabled({ ctx: admin, userId: owner.id, disabled: true })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      setUserDisabled({ ctx: admin, userId: admin.actor.type === "user" ? admin.actor.userId : "", disabled: true }),
    ).rejects.toThrow("your own account");
  });
});

describe("the user's own authorized apps", () => {
  it("lists and revokes only the user's own consents", async () => {
    const user = await newUser();
    const other = await newUser();
    const client = await newClient();
    await consentAndTokens(user, client);
    await consentAndTokens(other, client);
    const apps = await listMyApps({ user });
    expect(apps.map((a) => a.client.id)).toEqual([client.dto.id]);
    const ctx = {
      actor: { type: "user" as const, userId: user.id, email: user.email, role: null },
      requestId: "t",
      db: database.prisma,
    };
    const otherConsent = (await listMyApps({ user: other }))[0]!;
    await expect(revokeMyApp({ ctx, user, consentId: otherConsent.id })).rejects.toThrow("not found");
    await revokeMyApp({ ctx, user, consentId: apps[0]!.id });
    expect(await listMyApps({ user })).toHaveLength(0);
    expect(await listMyApps({ user: other })).toHaveLength(1);
  });
});

describe("revocation racing refreshes", () => {
  it("50 concurrent refreshes of one family while a revoke runs: afterwards nothing of the family works", async () => {
    const user = await newUser();
    const client = await newClient();
    const t0 = await consentAndTokens(user, client);
    const consentId = (await listMyApps({ user }))[0]!.id;
    const refresh = () =>
      refreshTokens(sys, server, client.record, { refreshToken: t0.refresh_token!, scope: undefined, resources: [] });
    const wave = Array.from({ length: 50 }, (_, i) =>
      i === 25
        ? null
        : refresh().then(
            (r) => ({ ok: true as const, r }),
            () => ({ ok: false as const }),
          ),
    );
    const revoke = revokeClientConsents({
      ctx: sys,
      serverSlug: slug,
      clientId: client.dto.id,
      input: { consentIds: [consentId] },
    });
    const results = await Promise.all([...wave.filter((w) => w !== null), revoke.then(() => null)]);
    const succeeded = results.filter(
      (r): r is { ok: true; r: Awaited<ReturnType<typeof refresh>> } => r !== null && r.ok,
    );
    // Whatever succeeded before the revoke committed is dead now.
    for (const s of succeeded) {
      expect(await introspectToken(sys, server, s.r.access_token)).toEqual({ active: false });
      expect(await introspectToken(sys, server, s.r.refresh_token!)).toEqual({ active: false });
    }
    expect(await database.prisma.refreshFamily.count({ where: { consentId } })).toBe(0);
    // Nothing succeeds after it committed.
    const after = await Promise.allSettled(Array.from({ length: 5 }, refresh));
    expect(after.every((a) => a.status === "rejected")).toBe(true);
    expect(await introspectToken(sys, server, t0.access_token)).toEqual({ active: false });
  });
});
