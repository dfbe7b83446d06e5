// End-user accounts without an identity provider, as an administrator and the people they add
// live them: a temporary password that must be replaced before anything else (here in the middle
// of an MCP client's authorization, which then continues to its consent screen), an admin's
// password reset that ends the person's sessions, a person changing their own password, and an
// invite link that sets a password once. Runs after foundation.spec.ts (the owner and the `demo`
// server exist).
import { expect, test, type Browser, type Page } from "@playwright/test";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { OWNER, signIn } from "./helpers";
import { E2EOAuthProvider } from "./mcp-oauth-provider";

test.describe.configure({ mode: "serial" });

const GATEHOUSE_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const run = Date.now().toString(36);
const CLIENT_NAME = `Accounts agent ${run}`;
const REDIRECT_ORIGIN = `http://127.0.0.1:${40_000 + Math.floor(Math.random() * 20_000)}`;
const person = { email: `local-${run}@example.test`, password: "" };

let admin: Page;
let user: Page;

async function pageIn(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test.beforeAll(async ({ browser }) => {
  admin = await pageIn(browser);
  user = await pageIn(browser);
  await signIn(admin, OWNER.email, OWNER.password);
  await expect(admin).toHaveURL(/\/servers$/);
});

test.afterAll(async () => {
  await admin?.context().close();
  await user?.context().close();
});

/** Users → Add user; returns what the one-time dialog shows (temporary password or invite link). */
async function addUser(email: string, mode: "Temporary password" | "Invite link"): Promise<string> {
  await admin.goto("/users");
  await admin.getByRole("button", { name: "Add user" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Name").fill("Lee Local");
  await dialog.getByRole("radio", { name: new RegExp(mode) }).check();
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByRole("heading", { name: "User added" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: /Copy/ })).toBeVisible();
  const secret = (await dialog.locator("code").innerText()).trim();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(admin.getByRole("row").filter({ hasText: email })).toContainText("Local");
  return secret;
}

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** /account/password: the current (or temporary) password, then the new one twice. */
async function changePassword(page: Page, current: string, next: string) {
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel(/^New password/).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
}

test("a temporary password is replaced first, then the MCP client's authorization continues", async () => {
  person.password = await addUser(person.email, "Temporary password");
  expect(person.password).toMatch(/^[A-Za-z0-9_-]{20}$/);

  // The MCP SDK client registers (DCR) and hands the person's browser its authorization URL.
  const provider = new E2EOAuthProvider({ redirectUrl: `${REDIRECT_ORIGIN}/callback`, clientName: CLIENT_NAME });
  const transport = new StreamableHTTPClientTransport(new URL(`${GATEHOUSE_URL}/mcp/demo`), { authProvider: provider });
  const refused = await new Client({ name: "gatehouse-e2e-accounts", version: "1.0.0" }).connect(transport).then(
    () => null,
    (err: unknown) => err,
  );
  expect(refused).toBeInstanceOf(UnauthorizedError);
  await user.goto(provider.lastAuthorizationUrl.toString());
  await expect(user).toHaveURL(/\/sign-in\?/);
  await fillSignIn(user, person.email, person.password);

  await expect(user).toHaveURL(/\/account\/password\?callbackUrl=/);
  await expect(user.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  // Enforced on the server: with the temporary password's session, other pages send it back here.
  await user.goto("/account/apps");
  await expect(user).toHaveURL(/\/account\/password\?callbackUrl=%2Faccount%2Fapps/);
  await user.goBack();
  await expect(user).toHaveURL(/\/account\/password\?callbackUrl=%2Foauth/);

  const temporary = person.password;
  await changePassword(user, temporary, person.email);
  await expect(user.getByText("Do not use your email address in your password.")).toBeVisible();
  person.password = `tidal marble ${run} lantern`;
  await changePassword(user, temporary, person.password);
  await expect(user).toHaveURL(/\/oauth\/demo\/consent\//);
  await expect(
    user.getByRole("heading", { level: 1, name: new RegExp(`${CLIENT_NAME} wants to access`) }),
  ).toBeVisible();
});

test("an admin resets a password: the person's session ends and the next sign-in forces a change", async () => {
  await admin.goto("/users");
  await admin.getByRole("link", { name: person.email }).click();
  await admin.getByRole("button", { name: "Reset password" }).click();
  const dialog = admin.getByRole("alertdialog");
  await dialog.getByRole("button", { name: "Reset password" }).click();
  await expect(dialog.getByRole("heading", { name: "Password reset" })).toBeVisible();
  const reset = (await dialog.locator("code").innerText()).trim();
  await dialog.getByRole("button", { name: "Done" }).click();

  await user.goto("/account/apps");
  await expect(user).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount%2Fapps/);
  await fillSignIn(user, person.email, reset);
  await expect(user).toHaveURL(/\/account\/password\?/);
  person.password = `second harbour ${run} kettle`;
  await changePassword(user, reset, person.password);
  await expect(user).toHaveURL(/\/account\/apps$/);
});

test("a person changes their own password from the account menu", async () => {
  await user.goto("/account/apps");
  await user.getByRole("link", { name: "Change password" }).click();
  await expect(user.getByRole("heading", { name: "Change password" })).toBeVisible();
  await changePassword(user, "not my password at all", "whatever new passphrase");
  await expect(user.getByText("Your current password is incorrect.")).toBeVisible();
  const next = `third meadow ${run} compass`;
  await changePassword(user, person.password, next);
  await expect(user).toHaveURL(/\/account\/apps$/);
  // The old password is gone; the new one signs in.
  await user.context().clearCookies();
  await user.goto("/sign-in");
  await fillSignIn(user, person.email, person.password);
  await expect(user.getByText("The email or password is incorrect.")).toBeVisible();
  await fillSignIn(user, person.email, next);
  await expect(user).toHaveURL(/\/account\/apps$/);
});

test("an invite link sets a password once", async ({ browser }) => {
  const email = `invited-${run}@example.test`;
  const link = await addUser(email, "Invite link");
  expect(link).toMatch(/\/account\/invite\/[A-Za-z0-9_-]{43}$/);
  const invited = await pageIn(browser);
  await invited.goto(link);
  await expect(invited.getByRole("heading", { name: "Set your password" })).toBeVisible();
  await invited.getByLabel(/^New password/).fill(`fresh orchard ${run} violin`);
  await invited.getByLabel("Confirm new password").fill(`fresh orchard ${run} violin`);
  await invited.getByRole("button", { name: "Set password" }).click();
  await expect(invited).toHaveURL(/\/account\/apps$/);
  await invited.goto(link);
  await expect(invited.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await invited.context().close();
});
