import { describe, expect, it } from "vitest";
import { deprovisionUser, getSessionUser, listMyApps } from "@/lib/services";
import { introspectToken } from "@/lib/services/oauth/revoke-and-introspect";
import { consentFlow } from "@/test/consent-flow";
import { createTestDb } from "@/test/db";
import { auditCount, makeCtx } from "@/test/factories";
import { reactivateUserInTx } from "./deprovision-user";

const database = await createTestDb();
const flow = await consentFlow(database, "dp");
const second = await consentFlow(database, "dp2");
const { sys, server, newUser, newClient, consentAndTokens, refresh } = flow;

describe("deprovisionUser", () => {
  it("disables, revokes every consent on every server, ends sessions, audits and emits user.deprovisioned", async () => {
    const user = await newUser();
    const a = await consentAndTokens(user, await newClient());
    const otherServerClient = await second.newClient();
    const b = await second.consentAndTokens(user, otherServerClient);
    const before = await database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });

    const result = await deprovisionUser({ ctx: sys, userId: user.id, reason: "scim" });
    expect(result).toMatchObject({ revokedConsents: 2, changed: true });
    expect(await introspectToken(sys, server, a.access_token)).toEqual({ active: false });
    expect(await introspectToken(sys, second.server, b.access_token)).toEqual({ active: false });
    expect(await database.prisma.refreshFamily.count({ where: { userId: user.id } })).toBe(0);
    expect(await getSessionUser(database.prisma, user.id, before.sessionVersion)).toBeNull();
    expect(await auditCount(database, "user.deprovisioned", user.id)).toBe(1);
    expect(await auditCount(database, "consent.revoked")).toBeGreaterThanOrEqual(2);
    const events = await database.prisma.outboxEvent.findMany({ where: { type: "user.deprovisioned" } });
    expect(events.some((e) => JSON.stringify(e.payload).includes(user.id))).toBe(true);
    // Idempotent: a second deprovisioning changes nothing and writes no second event.
    expect(await deprovisionUser({ ctx: sys, userId: user.id })).toMatchObject({ changed: false });
    expect(await auditCount(database, "user.deprovisioned", user.id)).toBe(1);
  });

  it("re-activation restores sign-in, not consents or tokens", async () => {
    const user = await newUser();
    const client = await newClient();
    const t = await consentAndTokens(user, client);
    await deprovisionUser({ ctx: sys, userId: user.id });
    await database.prisma.$transaction((tx) => reactivateUserInTx(tx, sys, user.id));
    const now = await database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(now.disabledAt).toBeNull();
    expect(await getSessionUser(database.prisma, user.id, now.sessionVersion)).not.toBeNull();
    expect(await listMyApps({ user })).toHaveLength(0);
    expect(await introspectToken(sys, server, t.access_token)).toEqual({ active: false });
    await expect(refresh(client, t.refresh_token!)).rejects.toMatchObject({ code: "invalid_grant" });
  });

  it("needs users.disable and consents.revoke", async () => {
    const user = await newUser();
    for (const role of ["VIEWER", "DEVELOPER"] as const)
      await expect(deprovisionUser({ ctx: await makeCtx(database, role), userId: user.id })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    await expect(deprovisionUser({ ctx: await makeCtx(database, "SECURITY"), userId: user.id })).resolves.toMatchObject(
      { changed: true },
    );
  });
});

describe("deprovisioning racing refreshes", () => {
  it("50 concurrent refreshes while the user is deprovisioned: afterwards nothing of the user works", async () => {
    const user = await newUser();
    const client = await newClient();
    const t0 = await consentAndTokens(user, client);
    const attempt = () =>
      refresh(client, t0.refresh_token!).then(
        (r) => ({ ok: true as const, r }),
        () => ({ ok: false as const }),
      );
    // The deprovisioning starts in the middle of the wave: 25 refreshes queued before it, 25 after.
    const before = Array.from({ length: 25 }, attempt);
    const deprovision = deprovisionUser({ ctx: sys, userId: user.id, reason: "scim" }).then(() => null);
    const after25 = Array.from({ length: 25 }, attempt);
    const results = await Promise.all([...before, deprovision, ...after25]);
    const succeeded = results.filter(
      (r): r is { ok: true; r: Awaited<ReturnType<typeof refresh>> } => r !== null && r.ok,
    );
    // Whatever succeeded before the deprovisioning committed is dead now.
    for (const s of succeeded) {
      expect(await introspectToken(sys, server, s.r.access_token)).toEqual({ active: false });
      expect(await introspectToken(sys, server, s.r.refresh_token!)).toEqual({ active: false });
    }
    expect(await database.prisma.refreshFamily.count({ where: { userId: user.id } })).toBe(0);
    expect(await database.prisma.consent.count({ where: { userId: user.id } })).toBe(0);
    // Nothing succeeds after it committed.
    const after = await Promise.allSettled(Array.from({ length: 5 }, () => refresh(client, t0.refresh_token!)));
    expect(after.every((a) => a.status === "rejected")).toBe(true);
    expect(await introspectToken(sys, server, t0.access_token)).toEqual({ active: false });
  });
});
