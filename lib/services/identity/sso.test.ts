// Sign-in through an upstream OIDC provider against a loopback OpenID Provider (test/fake-idp.ts):
// the happy path (JIT user, identity, ticket → session user), every refusal with nothing created,
// linking rules, and group → role mapping added and removed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import {
  createIdentityProvider,
  finishUpstreamLogin,
  getSignInOptions,
  redeemLoginTicket,
  routeEmailToProvider,
  SsoRefusedError,
  startUpstreamLogin,
  systemContext,
  testIdentityProvider,
  authenticateUser,
  setLocalPasswordsForEndUsers,
  PasswordsOffError,
  ForbiddenError,
} from "@/lib/services";
import { identityCallbackUrl } from "@/lib/services/identity/provider-dto";
import { hashPassword } from "@/lib/auth/password";
import { createTestDb } from "@/test/db";
import { fakeIdpProviderInput, startFakeIdp, type FakeIdp } from "@/test/fake-idp";
import { auditCount, insertUser, makeCtx, unique } from "@/test/factories";

process.env.GATEHOUSE_IDP_ALLOW_HTTP_LOOPBACK = "1";
resetEnvCache();
const database = await createTestDb();
const ctx = () => systemContext("test", { db: database.prisma });
let idp: FakeIdp;

beforeAll(async () => {
  idp = await startFakeIdp();
});
afterAll(async () => {
  await idp.close();
});

async function addProvider(overrides: Record<string, unknown> = {}) {
  return createIdentityProvider({
    ctx: ctx(),
    input: fakeIdpProviderInput(idp, { slug: unique("idp"), ...overrides }),
  });
}

/** Start a login, let the IdP answer with `shape`, and call back with `callbackParams`. */
async function signIn(
  slug: string,
  shape: Parameters<FakeIdp["setIdToken"]>[0] = () => ({}),
  callbackParams: (state: string) => Record<string, string> = (state) => ({ code: "c", state, iss: idp.issuer }),
  callbackSlug = slug,
) {
  const { url } = await startUpstreamLogin({ ctx: ctx(), input: { slug, returnTo: "/oauth/demo/consent/ar_x" } });
  const auth = new URL(url);
  expect(auth.searchParams.get("code_challenge_method")).toBe("S256");
  expect(auth.searchParams.get("response_type")).toBe("code");
  idp.nonce = auth.searchParams.get("nonce")!;
  idp.setIdToken(shape);
  const callback = new URL(identityCallbackUrl(callbackSlug));
  for (const [k, v] of Object.entries(callbackParams(auth.searchParams.get("state")!))) callback.searchParams.set(k, v);
  return finishUpstreamLogin({ ctx: ctx(), input: { slug: callbackSlug, callbackUrl: callback } });
}

async function counts() {
  return {
    users: await database.prisma.user.count(),
    identities: await database.prisma.userIdentity.count(),
    tickets: await database.prisma.pendingLogin.count({ where: { userId: { not: null } } }),
  };
}

async function expectRefused(promise: Promise<unknown>, reason: string) {
  const before = await counts();
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SsoRefusedError);
  expect((err as SsoRefusedError).reason).toBe(reason);
  expect(await counts()).toEqual(before);
}

describe("SSO through an upstream OpenID provider", () => {
  it("creates the end user just in time, links (provider, sub), and the ticket signs in once", async () => {
    const provider = await addProvider();
    const email = `${unique("ada")}@corp.example`;
    const done = await signIn(provider.slug, () => ({ claims: { sub: unique("sub"), email } }));
    expect(done.returnTo).toBe("/oauth/demo/consent/ar_x");
    const user = await database.prisma.user.findUniqueOrThrow({ where: { email }, include: { identities: true } });
    expect(user.role).toBeNull();
    expect(user.identities).toHaveLength(1);
    expect(idp.tokenRequests.at(-1)?.get("code_verifier")).toBeTruthy();
    expect(await auditCount(database, "identity.linked", user.id)).toBe(1);
    const row = await database.prisma.identityProvider.findUniqueOrThrow({ where: { id: provider.id } });
    expect(row.clientSecretSealed).not.toContain("s3cret");
    const session = await redeemLoginTicket({ ctx: ctx(), input: { ticket: done.ticket } });
    expect(session?.id).toBe(user.id);
    expect(await redeemLoginTicket({ ctx: ctx(), input: { ticket: done.ticket } })).toBeNull();
  });

  it("refuses a wrong nonce, issuer, audience, an expired token and a foreign signature; nothing is created", async () => {
    const provider = await addProvider();
    const fresh = () => ({ sub: unique("sub"), email: `${unique("x")}@corp.example` });
    await expectRefused(
      signIn(provider.slug, () => ({ claims: { ...fresh(), nonce: "someone-elses" } })),
      "bad_nonce",
    );
    await expectRefused(
      signIn(provider.slug, () => ({ claims: { ...fresh(), iss: "http://127.0.0.1:1" } })),
      "bad_iss",
    );
    await expectRefused(
      signIn(provider.slug, () => ({ claims: { ...fresh(), aud: "another-client" } })),
      "bad_aud",
    );
    const past = Math.floor(Date.now() / 1000) - 3600;
    await expectRefused(
      signIn(provider.slug, () => ({ claims: { ...fresh(), iat: past - 300, exp: past } })),
      "expired",
    );
    await expectRefused(
      signIn(provider.slug, () => ({ claims: fresh(), signWithForeignKey: true })),
      "bad_signature",
    );
  });

  it("refuses email_verified:false and a foreign domain; nothing is created", async () => {
    const provider = await addProvider();
    await expectRefused(
      signIn(provider.slug, () => ({
        claims: { sub: unique("s"), email: `${unique("u")}@corp.example`, email_verified: false },
      })),
      "email_unverified",
    );
    await expectRefused(
      signIn(provider.slug, () => ({ claims: { sub: unique("s"), email: `${unique("u")}@elsewhere.example` } })),
      "foreign_domain",
    );
  });

  it("refuses a response whose iss names another provider (RFC 9207), and one delivered to another provider's callback", async () => {
    const provider = await addProvider();
    const other = await addProvider();
    await expectRefused(
      signIn(provider.slug, undefined, (state) => ({ code: "c", state, iss: "https://other-idp.example" })),
      "bad_response_iss",
    );
    await expectRefused(signIn(provider.slug, undefined, undefined, other.slug), "wrong_provider");
    // A replayed callback (state already used) is refused too.
    const url = new URL(identityCallbackUrl(provider.slug));
    url.searchParams.set("state", "never-issued");
    await expectRefused(
      finishUpstreamLogin({ ctx: ctx(), input: { slug: provider.slug, callbackUrl: url } }),
      "unknown_state",
    );
  });

  it("links an existing account only on a verified email in an allowed domain; never a staff account otherwise", async () => {
    const open = await addProvider({ allowedDomains: "", requireEmailVerified: "" });
    const staff = await insertUser(database, "ADMIN", { email: `${unique("boss")}@corp.example` });
    await expectRefused(
      signIn(open.slug, () => ({ claims: { sub: unique("s"), email: staff.email, email_verified: false } })),
      "link_refused",
    );
    // No allowed domains: this provider may not claim existing accounts even with a verified email.
    await expectRefused(
      signIn(open.slug, () => ({ claims: { sub: unique("s"), email: staff.email } })),
      "link_refused",
    );
    const corp = await addProvider();
    const done = await signIn(corp.slug, () => ({ claims: { sub: unique("s"), email: staff.email } }));
    expect(done.userId).toBe(staff.id);
  });

  it("maps groups to a staff role on every sign-in: adding the group grants it, removing it takes it away", async () => {
    const provider = await addProvider({
      groupsClaim: "groups",
      roleMappings: "gatehouse-admins = ADMIN\nviewers = VIEWER",
    });
    const sub = unique("sub");
    const email = `${unique("grace")}@corp.example`;
    await signIn(provider.slug, () => ({ claims: { sub, email, groups: ["gatehouse-admins", "viewers"] } }));
    const granted = await database.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(granted.role).toBe("ADMIN");
    await signIn(provider.slug, () => ({ claims: { sub, email, groups: ["other"] } }));
    const removed = await database.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(removed.role).toBeNull();
    expect(removed.sessionVersion).toBeGreaterThan(granted.sessionVersion);
    expect(await auditCount(database, "member.role_changed", granted.id)).toBe(2);
  });

  it("does not create accounts when just-in-time creation is off", async () => {
    const provider = await addProvider({ jitEnabled: "" });
    await expectRefused(
      signIn(provider.slug, () => ({ claims: { sub: unique("s"), email: `${unique("n")}@corp.example` } })),
      "no_account",
    );
  });

  it("routes email domains, lists providers for the sign-in page, and tests the connection in words", async () => {
    const provider = await addProvider({ allowedDomains: "routed.example", routeDomains: "on" });
    const routed = await routeEmailToProvider({ ctx: ctx(), input: { email: "a@routed.example", returnTo: "/" } });
    expect(routed?.slug).toBe(provider.slug);
    expect(await routeEmailToProvider({ ctx: ctx(), input: { email: "a@nowhere.example", returnTo: "/" } })).toBeNull();
    const options = await getSignInOptions({ ctx: ctx(), input: { returnTo: "/" } });
    expect(options.providers.map((p) => p.slug)).toContain(provider.slug);
    expect(options.emailFirst).toBe(true);
    const checks = await testIdentityProvider({ ctx: ctx(), input: { providerId: provider.id } });
    expect(checks.every((c) => c.ok)).toBe(true);
    const viewer = await makeCtx(database, "VIEWER");
    await expect(testIdentityProvider({ ctx: viewer, input: { providerId: provider.id } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("turns passwords off for end users only; the owner keeps theirs", async () => {
    const passwordHash = await hashPassword("correct horse battery");
    const owner = await insertUser(database, "OWNER", { passwordHash });
    const endUser = await insertUser(database, null, { passwordHash });
    await setLocalPasswordsForEndUsers({ ctx: ctx(), input: { localPasswordsForEndUsers: false } });
    await expect(
      authenticateUser({ ctx: ctx(), input: { email: endUser.email, password: "correct horse battery" } }),
    ).rejects.toBeInstanceOf(PasswordsOffError);
    const ok = await authenticateUser({ ctx: ctx(), input: { email: owner.email, password: "correct horse battery" } });
    expect(ok.id).toBe(owner.id);
    expect(await auditCount(database, "settings.updated")).toBe(1);
    await setLocalPasswordsForEndUsers({ ctx: ctx(), input: { localPasswordsForEndUsers: true } });
  });
});
