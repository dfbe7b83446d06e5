// Consents as people live them. An end user lets an MCP client (the official MCP SDK, registered
// through DCR) act on their behalf in a real browser. Then their access ends three ways, each
// checked where it matters: the security team revokes the consent on the client's Consents tab,
// revokes all of the person's access on their user page, and the user revokes the app on their
// own /account/apps. Each time the refresh token fails with invalid_grant, introspection answers
// {"active": false}, the demo MCP server answers 401 to the old access token, and the next
// authorization shows the consent screen again. Finally the user is disabled and enabled.
// Runs after foundation.spec.ts (the owner exists; the first start created the `demo` server).
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { mcpInitialize, OWNER, signIn, signInReplacingTemporary, type TestAccount } from "./helpers";
import { E2EOAuthProvider } from "./mcp-oauth-provider";

test.describe.configure({ mode: "serial" });

const GATEHOUSE_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const MCP_URL = `${GATEHOUSE_URL}/mcp/demo`;
const ISSUER = `${GATEHOUSE_URL}/oauth/demo`;
const SERVER_NAME = "Demo MCP server";
const SCOPE = "mcp:tools";

const run = Date.now().toString(36);
const CLIENT_NAME = `Consents agent ${run}`;
const port = 40_000 + Math.floor(Math.random() * 20_000);
const REDIRECT_ORIGIN = `http://127.0.0.1:${port}`;
const REDIRECT_URL = `${REDIRECT_ORIGIN}/callback`;

const endUser: TestAccount = { email: `end-user-consents-${run}@example.test`, password: "" };
const introspector = { clientId: "", secret: "" };
const provider = new E2EOAuthProvider({ redirectUrl: REDIRECT_URL, clientName: CLIENT_NAME });

let adminContext: BrowserContext;
let userContext: BrowserContext;
let admin: Page;
let user: Page;

test.beforeAll(async ({ browser }) => {
  adminContext = await browser.newContext();
  userContext = await browser.newContext();
  admin = await adminContext.newPage();
  user = await userContext.newPage();
  // The loopback redirect URI: nothing listens there, so the browser's navigation is answered here.
  await user.route(
    (url) => url.origin === REDIRECT_ORIGIN,
    (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        body: "<!doctype html><title>Authorized</title><h1>You can return to the application.</h1>",
      }),
  );
});

test.afterAll(async () => {
  await adminContext?.close();
  await userContext?.close();
});

// --- The MCP client application's side -----------------------------------------------------------

/** The SDK's own way into an authorization: no usable token → 401 → discovery → (DCR) → authorize URL. */
async function startAuthorization(): Promise<{ transport: StreamableHTTPClientTransport; url: URL }> {
  provider.invalidateCredentials("tokens");
  const transport = new StreamableHTTPClientTransport(new URL(MCP_URL), { authProvider: provider });
  const error = await new Client({ name: "gatehouse-e2e-consents", version: "1.0.0" }).connect(transport).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error, "connecting without a token must stop for a browser authorization").toBeInstanceOf(UnauthorizedError);
  return { transport, url: provider.lastAuthorizationUrl };
}

/** The user's browser: authorize URL → (sign in) → the consent screen for this client. */
async function openConsentScreen(url: URL, options: { signIn: boolean }) {
  await user.goto(url.toString());
  if (options.signIn) {
    await expect(user).toHaveURL(/\/sign-in\?/);
    // The first time, the temporary password from Add member is replaced, then the authorization goes on.
    await signInReplacingTemporary(user, endUser);
  }
  await expect(user).toHaveURL(/\/oauth\/demo\/consent\//);
  await expect(
    user.getByRole("heading", { level: 1, name: `${CLIENT_NAME} wants to access ${SERVER_NAME}` }),
  ).toBeVisible();
  await expect(user.getByText(endUser.email)).toBeVisible();
}

/** Allow → the code comes back to the loopback URI → the SDK redeems it (PKCE). */
async function allow(transport: StreamableHTTPClientTransport): Promise<OAuthTokens> {
  const callback = user.waitForRequest((req) => req.url().startsWith(REDIRECT_URL));
  await user.getByRole("button", { name: "Allow" }).click();
  const returned = new URL((await callback).url());
  expect(returned.searchParams.get("error")).toBeNull();
  const code = returned.searchParams.get("code");
  expect(code).toBeTruthy();
  await transport.finishAuth(code!);
  const tokens = provider.tokens();
  expect(tokens?.access_token).toBeTruthy();
  expect(tokens?.refresh_token).toBeTruthy();
  return tokens!;
}

async function consentAndGetTokens(options: { signIn: boolean }): Promise<OAuthTokens> {
  const { transport, url } = await startAuthorization();
  await openConsentScreen(url, options);
  return allow(transport);
}

// --- What each party sees of the tokens ---------------------------------------------------------

async function introspect(request: APIRequestContext, token: string): Promise<{ active: boolean }> {
  const res = await request.post(`${ISSUER}/introspect`, {
    headers: {
      Authorization: `Basic ${Buffer.from(`${introspector.clientId}:${introspector.secret}`).toString("base64")}`,
    },
    form: { token },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as { active: boolean };
}

async function expectTokensWork(request: APIRequestContext, tokens: OAuthTokens) {
  expect((await mcpInitialize(request, MCP_URL, tokens.access_token)).status()).toBe(200);
  expect(await introspect(request, tokens.access_token)).toMatchObject({ active: true, client_id: provider.clientId });
  expect(await introspect(request, tokens.refresh_token!)).toMatchObject({ active: true });
}

/** Revocation takes effect now: at the MCP server, at introspection and at the token endpoint. */
async function expectTokensRevoked(request: APIRequestContext, tokens: OAuthTokens) {
  const probe = await mcpInitialize(request, MCP_URL, tokens.access_token);
  expect(probe.status()).toBe(401);
  expect(probe.headers()["www-authenticate"] ?? "").toContain('error="invalid_token"');
  expect(await introspect(request, tokens.access_token)).toEqual({ active: false });
  expect(await introspect(request, tokens.refresh_token!)).toEqual({ active: false });
  const refresh = await request.post(`${ISSUER}/token`, {
    form: { grant_type: "refresh_token", refresh_token: tokens.refresh_token!, client_id: provider.clientId },
  });
  expect(refresh.status()).toBe(400);
  expect(((await refresh.json()) as { error: string }).error).toBe("invalid_grant");
}

/** The user's next authorization asks for consent again (the screen is not skipped). */
async function expectConsentAskedAgain(): Promise<StreamableHTTPClientTransport> {
  const { transport, url } = await startAuthorization();
  await openConsentScreen(url, { signIn: false });
  return transport;
}

async function expectToast(page: Page, text: string) {
  await expect(page.getByRole("listitem").filter({ hasText: text })).toBeVisible();
}

// --- The story ----------------------------------------------------------------------------------

let tokens: OAuthTokens;

test("setup: an end user with a password, and a confidential client to introspect with", async () => {
  await signIn(admin, OWNER.email, OWNER.password);
  await expect(admin).toHaveURL(/\/servers$/);

  // An end user: added as a member (which gives the account a password), then removed from the
  // staff: the account stays, with no role.
  await admin.goto("/members");
  await admin.getByRole("button", { name: "Add member" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("Email").fill(endUser.email);
  await dialog.getByRole("combobox").click();
  await admin.getByRole("option", { name: "Viewer" }).click();
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(dialog.getByRole("heading", { name: "Member added" })).toBeVisible();
  endUser.password = (await dialog.locator("code").innerText()).trim();
  endUser.temporary = true;
  await dialog.getByRole("button", { name: "Done" }).click();
  const memberRow = admin.getByRole("row").filter({ hasText: endUser.email });
  await memberRow.getByRole("button", { name: "Remove" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Remove member" }).click();
  await expect(memberRow).toHaveCount(0);

  const res = await admin.request.post("/api/v1/servers/demo/clients", {
    data: { name: `Consents introspector ${run}` },
  });
  expect(res.status()).toBe(201);
  const created = (await res.json()) as { client: { clientId: string }; clientSecret: string };
  introspector.clientId = created.client.clientId;
  introspector.secret = created.clientSecret;
});

test("the end user consents to a DCR client in the browser and its tokens work", async ({ request }) => {
  tokens = await consentAndGetTokens({ signIn: true });
  expect(provider.savedClientInformation).toHaveLength(1);
  await expectTokensWork(request, tokens);
});

test("the owner revokes the consent on the client's Consents tab; it takes effect at once", async ({ request }) => {
  test.setTimeout(120_000);
  await admin.goto("/servers/demo/clients");
  await admin.getByLabel("Search by name or client ID").fill(CLIENT_NAME);
  await admin.getByRole("button", { name: "Search" }).click();
  await admin.getByRole("link", { name: CLIENT_NAME, exact: true }).click();
  await admin.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Consents" }).click();
  await expect(admin).toHaveURL(/\/servers\/demo\/clients\/cli_[^/]+\/consents$/);

  // Search by email: the search lives in the URL.
  await admin.getByLabel("Search by email or name").fill(endUser.email);
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin).toHaveURL(/[?&]q=/);
  const row = admin.getByRole("row").filter({ hasText: endUser.email });
  await expect(row).toContainText(SCOPE);
  await expect(row).toContainText("Use the demo server's tools");

  // Selecting rows arms "Revoke selected".
  const revokeSelected = admin.getByRole("button", { name: /^Revoke selected/ });
  await expect(revokeSelected).toBeDisabled();
  await row.getByRole("checkbox", { name: `Select ${endUser.email}` }).check();
  await expect(admin.getByRole("checkbox", { name: "Select all on this page" })).toBeChecked();
  await expect(revokeSelected).toHaveText("Revoke selected (1)");
  await row.getByRole("checkbox", { name: `Select ${endUser.email}` }).uncheck();
  await expect(revokeSelected).toBeDisabled();

  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = admin.getByRole("alertdialog");
  await expect(confirm).toContainText(`${endUser.email} will lose access through ${CLIENT_NAME}.`);
  await expect(confirm).toContainText(
    /verify tokens themselves see it within \d+ (minutes|seconds) \(through the token status list\)/,
  );
  await expect(confirm).toContainText("Their next authorization will ask for consent again.");
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Revoke consent" }).click();
  await expect(row).toHaveCount(0);
  await expectToast(admin, "Consent revoked");

  await expectTokensRevoked(request, tokens);
  const transport = await expectConsentAskedAgain();
  tokens = await allow(transport);
  await expectTokensWork(request, tokens);
  await admin.reload();
  await expect(admin.getByRole("row").filter({ hasText: endUser.email })).toBeVisible();
});

test("the owner revokes all consents to the client, confirmed by typing its name", async ({ request }) => {
  test.setTimeout(120_000);
  await admin.goto("/servers/demo/clients");
  await admin.getByLabel("Search by name or client ID").fill(CLIENT_NAME);
  await admin.getByRole("button", { name: "Search" }).click();
  await admin.getByRole("link", { name: CLIENT_NAME, exact: true }).click();
  await admin.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Consents" }).click();
  await expect(admin.getByRole("row").filter({ hasText: endUser.email })).toBeVisible();

  await admin.getByRole("button", { name: "Revoke all consents" }).click();
  const confirm = admin.getByRole("alertdialog");
  await expect(confirm).toContainText(`Every user who authorized ${CLIENT_NAME} loses access through it.`);
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  const submit = confirm.getByRole("button", { name: "Revoke all consents" });
  const field = confirm.getByRole("textbox");
  await field.fill(`${CLIENT_NAME} (not quite)`);
  await expect(submit).toBeDisabled();
  await field.fill(CLIENT_NAME);
  await submit.click();
  await expectToast(admin, "1 consent revoked");
  await expect(admin.getByRole("row").filter({ hasText: endUser.email })).toHaveCount(0);

  await expectTokensRevoked(request, tokens);
  const transport = await expectConsentAskedAgain();
  tokens = await allow(transport);
  await expectTokensWork(request, tokens);
});

test("the owner revokes all of the person's access on their user page", async ({ request }) => {
  test.setTimeout(120_000);
  await admin.goto("/users");
  await admin.getByLabel("Search by email or name").fill(endUser.email);
  await admin.getByRole("button", { name: "Search" }).click();
  await admin.getByRole("link", { name: endUser.email, exact: true }).click();
  await expect(admin).toHaveURL(/\/users\/[^/?]+$/);
  await expect(admin.getByRole("heading", { level: 1, name: endUser.email })).toBeVisible();
  await expect(admin.getByText("End user", { exact: true })).toBeVisible();
  await expect(admin.getByText("Active", { exact: true })).toBeVisible();

  const row = admin.getByRole("row").filter({ hasText: CLIENT_NAME });
  await expect(row).toContainText(SERVER_NAME);
  await expect(row).toContainText(provider.clientId);
  await expect(row).toContainText(SCOPE);

  await admin.getByRole("button", { name: "Revoke all access" }).click();
  const confirm = admin.getByRole("alertdialog");
  await expect(confirm).toContainText("Every app this person authorized loses access now");
  await expect(confirm).toContainText("when an employee leaves");
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Revoke all access" }).click();
  await expectToast(admin, "Access revoked: 1 consent");
  await expect(row).toHaveCount(0);
  await expect(admin.getByRole("heading", { name: "No authorized apps" })).toBeVisible();

  await expectTokensRevoked(request, tokens);
  const transport = await expectConsentAskedAgain();
  tokens = await allow(transport);
  await expectTokensWork(request, tokens);
});

test("the user revokes the app on their own authorized apps page", async ({ request }) => {
  test.setTimeout(120_000);
  await user.goto("/account/apps");
  await expect(user.getByRole("heading", { level: 1, name: "Your authorized apps" })).toBeVisible();
  const card = user.getByRole("listitem").filter({ has: user.getByRole("heading", { name: CLIENT_NAME }) });
  await expect(card).toContainText(`on ${SERVER_NAME}`);
  await expect(card).toContainText(SCOPE);
  await expect(card).toContainText("Use the demo server's tools");

  await card.getByRole("button", { name: "Revoke access" }).click();
  const confirm = user.getByRole("alertdialog");
  await expect(confirm).toContainText(`${CLIENT_NAME} will no longer be able to act on your behalf on ${SERVER_NAME}.`);
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Revoke access" }).click();
  await expectToast(user, `Access revoked for ${CLIENT_NAME}`);
  await expect(card).toHaveCount(0);
  await expect(user.getByRole("heading", { name: "No authorized apps" })).toBeVisible();

  await expectTokensRevoked(request, tokens);
  await expectConsentAskedAgain();
});

test("disabling the user ends their session at once; enabling lets them sign in again", async () => {
  await admin.goto("/users");
  await admin.getByLabel("Search by email or name").fill(endUser.email);
  await admin.getByRole("button", { name: "Search" }).click();
  await admin.getByRole("link", { name: endUser.email, exact: true }).click();

  await admin.getByRole("button", { name: "Disable user" }).click();
  const confirm = admin.getByRole("alertdialog");
  await expect(confirm).toContainText("blocks sign-in and token refresh, and cuts their live tokens at once");
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Disable user" }).click();
  await expectToast(admin, "User disabled");
  await expect(admin.getByText("Disabled", { exact: true })).toBeVisible();

  await user.goto("/account/apps");
  await expect(user).toHaveURL(/\/sign-in\?/);

  await admin.getByRole("button", { name: "Enable" }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Enable user" }).click();
  await expectToast(admin, "User enabled");
  await expect(admin.getByText("Active", { exact: true })).toBeVisible();

  await signIn(user, endUser.email, endUser.password);
  await expect(user).toHaveURL(/\/account\/apps$/);
});
