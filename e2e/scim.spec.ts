// Leaving through the IdP, end to end: a person signs in through a real OpenID Provider (the same
// loopback oidc-provider as sso.spec.ts) and an MCP client gets tokens; the IdP then deactivates them
// over SCIM (`PATCH active:false`, Okta's shape). At once: refresh answers invalid_grant,
// introspection {"active":false}, the demo MCP server 401, and the person cannot sign in again.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectSignedInDashboard, mcpInitialize, OWNER, signIn } from "./helpers";
import {
  addTestIdp,
  authorizeMcpClientThroughIdp,
  continueWithTestIdp,
  GATEHOUSE_URL,
  loopbackOnly,
  startTestIdp,
  type TestIdp,
} from "./test-idp";

const ISSUER = `${GATEHOUSE_URL}/oauth/demo`;
const run = Date.now().toString(36);
const DOMAIN = "leaver.example";
let idp: TestIdp;

test.beforeAll(async () => {
  idp = await startTestIdp({
    slug: `scim-idp-${run}`,
    label: "Leaver IdP",
    person: { sub: `leaver-${run}`, email: `leaver-${run}@${DOMAIN}`, name: "Lee Leaver" },
  });
});

test.afterAll(async () => {
  await idp?.close();
});

function scimHeaders(token: string) {
  return { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" };
}

async function introspect(request: APIRequestContext, auth: string, token: string) {
  const res = await request.post(`${ISSUER}/introspect`, { headers: { Authorization: auth }, form: { token } });
  expect(res.status()).toBe(200);
  return (await res.json()) as { active: boolean };
}

test("deactivating a person over SCIM ends their tokens and sign-in at once", async ({ browser }) => {
  test.setTimeout(150_000);
  // 1. The owner adds the IdP, opens its SCIM page and creates a token (shown once).
  const admin = await browser.newPage();
  await loopbackOnly(admin);
  await signIn(admin, OWNER.email, OWNER.password);
  await expectSignedInDashboard(admin);
  await addTestIdp(admin, idp, DOMAIN);
  await admin.getByRole("link", { name: "SCIM provisioning tokens" }).click();
  await expect(admin.getByTestId("scim-base-url")).toHaveText(`${GATEHOUSE_URL}/scim/v2`);
  await admin.locator("#scim-token-name").fill("Okta provisioning");
  await admin.getByRole("button", { name: "Create token" }).click();
  const scimToken = (await admin.locator("code", { hasText: /^ghscim_[A-Za-z0-9_-]{43}$/ }).innerText()).trim();
  await expect(admin.getByRole("table", { name: "SCIM tokens" })).toContainText("Okta provisioning");

  const created = await admin.request.post("/api/v1/servers/demo/clients", {
    data: { name: `SCIM introspector ${run}` },
  });
  expect(created.status()).toBe(201);
  const introspector = (await created.json()) as { client: { clientId: string }; clientSecret: string };
  const basic = `Basic ${Buffer.from(`${introspector.client.clientId}:${introspector.clientSecret}`).toString("base64")}`;

  // 2. The IdP provisions the person (Okta looks them up first, then creates them).
  const request = admin.request;
  const lookup = await request.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${idp.person.email}"`)}`, {
    headers: scimHeaders(scimToken),
  });
  expect(await lookup.json()).toMatchObject({ totalResults: 0 });
  const post = await request.post("/scim/v2/Users", {
    headers: scimHeaders(scimToken),
    data: {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: idp.person.email,
      name: { givenName: "Lee", familyName: "Leaver" },
      emails: [{ primary: true, value: idp.person.email, type: "work" }],
      externalId: `00u-${run}`,
      active: true,
    },
  });
  expect(post.status()).toBe(201);
  const scimUser = (await post.json()) as { id: string };
  await admin.goto(`/users/${scimUser.id}`);
  await expect(admin.getByTestId("scim-managed")).toHaveText("Managed by Leaver IdP (SCIM)");

  // 3. The person signs in through the IdP and an MCP client gets tokens.
  const { oauth, context } = await authorizeMcpClientThroughIdp(browser, idp, `SCIM E2E client ${run}`);
  const tokens = oauth.tokens()!;
  expect(await introspect(request, basic, tokens.access_token)).toMatchObject({ active: true });

  // 4. The IdP deactivates them.
  const patch = await request.patch(`/scim/v2/Users/${scimUser.id}`, {
    headers: scimHeaders(scimToken),
    data: {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", value: { active: false } }],
    },
  });
  expect(patch.status()).toBe(200);
  expect(await patch.json()).toMatchObject({ active: false });

  // 5. Everything stops at once.
  const refresh = await request.post(`${ISSUER}/token`, {
    form: { grant_type: "refresh_token", refresh_token: tokens.refresh_token!, client_id: oauth.clientId },
  });
  expect(refresh.status()).toBe(400);
  expect(((await refresh.json()) as { error: string }).error).toBe("invalid_grant");
  expect(await introspect(request, basic, tokens.access_token)).toEqual({ active: false });
  const mcp = await mcpInitialize(request, `${GATEHOUSE_URL}/mcp/demo`, tokens.access_token);
  expect(mcp.status()).toBe(401);

  // 6. The person cannot sign in again through the IdP.
  await context.close();
  const fresh = await browser.newContext();
  const again = await fresh.newPage();
  await loopbackOnly(again);
  await again.goto("/sign-in");
  await continueWithTestIdp(again, idp);
  await expect(again.getByText("Your Gatehouse account is disabled.")).toBeVisible();
  await fresh.close();
  await admin.close();
});
