// Sign-in through an upstream OpenID Provider, end to end: a real oidc-provider on loopback (its
// own login and consent pages, real signed ID tokens) is added on Settings → Identity providers;
// then the official MCP SDK client registers (DCR) and sends the user to authorize; Gatehouse's
// sign-in page says who is asking and offers "Continue with Test IdP"; the IdP's pages sign in and
// consent; Gatehouse's consent screen follows (the MCP authorization request survived the round
// trip), then tokens and tools/list. The server runs with GATEHOUSE_IDP_ALLOW_HTTP_LOOPBACK=1.
import { test } from "@playwright/test";
import { expectSignedInDashboard, OWNER, signIn } from "./helpers";
import { addTestIdp, authorizeMcpClientThroughIdp, loopbackOnly, startTestIdp, type TestIdp } from "./test-idp";

let idp: TestIdp;

test.beforeAll(async () => {
  idp = await startTestIdp({
    slug: "test-idp",
    label: "Test IdP",
    person: { sub: "idp-user-1", email: "sso-person@corp.example", name: "Sam SSO" },
  });
});

test.afterAll(async () => {
  await idp?.close();
});

test("an MCP client's authorization continues through an upstream OpenID provider to consent and tools", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // 1. The owner adds the provider and tests the connection.
  const admin = await browser.newPage();
  await loopbackOnly(admin);
  await signIn(admin, OWNER.email, OWNER.password);
  await expectSignedInDashboard(admin);
  await addTestIdp(admin, idp, "corp.example");
  await admin.close();

  // 2–4. The MCP SDK client registers (DCR) and sends a signed-out browser to authorize: Gatehouse
  // sign-in → Test IdP's login and consent → Gatehouse consent → tokens → tools/list.
  const { context } = await authorizeMcpClientThroughIdp(browser, idp, "E2E SSO client");
  await context.close();
});
