// Clients, as an admin lives it: pre-register a machine client and a web app (each secret shown
// once), get row-level redirect URI errors, search and filter, rotate a secret with a grace
// period, disable, delete by typing the name; then a developer and a viewer see only what their
// role allows, and a forged action is refused. Runs after foundation.spec.ts (the owner exists).
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { generateKeyPairSync } from "node:crypto";
import { OWNER, signIn, signInReplacingTemporary, type TestAccount } from "./helpers";

test.describe.configure({ mode: "serial" });

// The server Playwright started (E2E_PORT): the snippets name it.
const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const run = Date.now().toString(36);
const slug = `tools-${run}`;
const resourceUrl = `https://${slug}.example.com/mcp`;
const clientsUrl = `/servers/${slug}/clients`;

const machine = { name: "Nightly sync", clientId: "", detailUrl: "", secret: "" };
const webApp = { name: "Web dashboard" };
let developer: TestAccount;
let viewer: TestAccount;

async function signInAs(page: Page, email: string, password: string) {
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/servers$/);
}

async function newSignedInContext(browser: Browser, account: TestAccount): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  // A member's first sign-in replaces the temporary password (kept in `account` for the next one).
  await signInReplacingTemporary(page, account);
  await expect(page).toHaveURL(/\/servers$/);
  await page.close();
  return context;
}

async function addMember(page: Page, role: "Developer" | "Viewer"): Promise<TestAccount> {
  await page.goto("/members");
  await page.getByRole("button", { name: "Add member" }).click();
  const dialog = page.getByRole("dialog");
  const email = `${role.toLowerCase()}-clients-${run}@example.test`;
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("combobox").click();
  await page.getByRole("option", { name: role }).click();
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(dialog.getByRole("heading", { name: "Member added" })).toBeVisible();
  const password = (await dialog.locator("code").innerText()).trim();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText(role);
  return { email, password, temporary: true };
}

function clientRow(page: Page, name: string) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
}

test("setup: an MCP server with two scopes, a developer and a viewer", async ({ page }) => {
  await signInAs(page, OWNER.email, OWNER.password);
  const res = await page.request.post("/api/v1/servers", {
    data: {
      name: "Tools server",
      slug,
      resourceUrl,
      scopes: [
        { name: "mcp:tools", description: "Use the tools" },
        { name: "mcp:admin", description: "Administer the server" },
      ],
    },
  });
  expect(res.status()).toBe(201);
  developer = await addMember(page, "Developer");
  viewer = await addMember(page, "Viewer");
});

test("the Clients tab starts empty; a client with no redirect URI is a client-credentials client whose secret shows once", async ({
  page,
}) => {
  await signInAs(page, OWNER.email, OWNER.password);
  await page.goto(`/servers/${slug}`);
  await page.getByRole("navigation", { name: "MCP server sections" }).getByRole("link", { name: "Clients" }).click();
  await expect(page).toHaveURL(new RegExp(`${clientsUrl}$`));
  await expect(page.getByRole("heading", { name: "No clients yet" })).toBeVisible();

  await page.getByRole("link", { name: "New client" }).first().click();
  await expect(page).toHaveURL(new RegExp(`${clientsUrl}/new$`));
  await expect(
    page.getByText("No redirect URIs: this client will use the client-credentials flow and act on its own behalf."),
  ).toBeVisible();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(machine.name);
  await page.getByRole("checkbox", { name: "mcp:tools" }).check();
  await page.getByRole("button", { name: "Create client" }).click();

  const dialog = page.getByRole("dialog", { name: "Client created" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("will not be shown again");
  machine.secret = (await dialog.locator("code").filter({ hasText: /^ghs_/ }).innerText()).trim();
  machine.clientId = (await dialog.locator("code").filter({ hasText: /^ghc_/ }).innerText()).trim();
  expect(machine.secret).toMatch(/^ghs_[\w-]{43}$/);
  await expect(dialog.getByRole("button", { name: "Copy client secret" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Copy client ID" })).toBeVisible();
  await expect(dialog).toContainText(
    `curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials -d resource=${resourceUrl} ${ORIGIN}/oauth/${slug}/token`,
  );
  expect(page.url()).not.toContain(machine.secret);

  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page).toHaveURL(new RegExp(`${clientsUrl}/cli_[^/]+$`));
  machine.detailUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: machine.name })).toBeVisible();
  await expect(page.getByText(machine.clientId).first()).toBeVisible();
  await expect(page.getByText(`Pre-registered in the dashboard by ${OWNER.email}`)).toBeVisible();
  await expect(page.getByText(machine.secret)).toHaveCount(0);
  expect(page.url()).not.toContain(machine.secret);

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Clients" }).click();
  const row = clientRow(page, machine.name);
  await expect(row).toContainText("Client credentials");
  await expect(row).toContainText("Pre-registered");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never");
  await expect(page.getByText("Showing 1 of 1")).toBeVisible();
  await expect(page.getByText(machine.secret)).toHaveCount(0);
});

test("with redirect URIs the client uses the authorization-code flow; public clients get no secret", async ({
  page,
}) => {
  await signInAs(page, OWNER.email, OWNER.password);
  await page.goto(`${clientsUrl}/new`);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(webApp.name);
  await page.getByRole("button", { name: "Add redirect URI" }).click();
  await page.getByRole("textbox", { name: "Redirect URI 1" }).fill("https://app.example.com/callback");
  await expect(
    page.getByText(
      "With redirect URIs, this client will use the authorization-code flow with PKCE on behalf of users.",
    ),
  ).toBeVisible();
  await page.getByRole("button", { name: "Add redirect URI" }).click();
  await page.getByRole("textbox", { name: "Redirect URI 2" }).fill("http://localhost:8080/cb");
  await page.getByRole("checkbox", { name: "mcp:tools" }).check();
  await page.getByRole("button", { name: "Create client" }).click();

  const dialog = page.getByRole("dialog", { name: "Client created" });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator("code").filter({ hasText: /^ghs_/ })).toHaveCount(1);
  await expect(dialog).toContainText(`${ORIGIN}/oauth/${slug}/authorize?response_type=code&client_id=ghc_`);
  await expect(dialog).toContainText(`redirect_uri=${encodeURIComponent("https://app.example.com/callback")}`);
  await expect(dialog).toContainText("code_challenge_method=S256");
  await expect(dialog).toContainText(`${ORIGIN}/.well-known/oauth-authorization-server/oauth/${slug}`);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page).toHaveURL(new RegExp(`${clientsUrl}/cli_[^/]+$`));
  await expect(page.getByText("https://app.example.com/callback")).toBeVisible();
  await expect(page.getByText("http://localhost:8080/cb")).toBeVisible();

  // A public client: PKCE only, so the dialog has no secret to show.
  await page.goto(`${clientsUrl}/new`);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Desktop app");
  await page.getByRole("button", { name: "Add redirect URI" }).click();
  await page.getByRole("textbox", { name: "Redirect URI 1" }).fill("http://127.0.0.1/callback");
  await page.getByRole("checkbox", { name: /Public client \(PKCE only, no secret\)/ }).check();
  await expect(page.getByText("As a public client it gets no secret")).toBeVisible();
  await page.getByRole("checkbox", { name: "Require DPoP (sender-constrained tokens)" }).check();
  await page.getByRole("button", { name: "Create client" }).click();
  const publicDialog = page.getByRole("dialog", { name: "Client created" });
  await expect(publicDialog).toContainText("is a public client: it has no secret");
  await expect(publicDialog.locator("code").filter({ hasText: /^ghs_/ })).toHaveCount(0);
  await publicDialog.getByRole("button", { name: "Done" }).click();
  await page.getByRole("link", { name: "Credentials" }).click();
  await expect(page.getByText("This is a public client (PKCE only): it has no secret.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Rotate secret" })).toHaveCount(0);
  // Require DPoP (RFC 9449 §5.2) was saved with the client, and Settings shows it.
  await page.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("checkbox", { name: "Require DPoP (sender-constrained tokens)" })).toBeChecked();

  await page.goto(clientsUrl);
  await expect(clientRow(page, webApp.name)).toContainText("Authorization code");
  await expect(clientRow(page, "Desktop app")).toContainText("Authorization code");
  await expect(page.getByText("Showing 3 of 3")).toBeVisible();
});

test("invalid redirect URIs show errors next to their rows, and nothing is saved", async ({ page }) => {
  await signInAs(page, OWNER.email, OWNER.password);
  await page.goto(`${clientsUrl}/new`);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Broken app");
  for (let i = 0; i < 4; i++) await page.getByRole("button", { name: "Add redirect URI" }).click();
  // Row 2 stays blank (ignored), so the errors must still land on rows 3 and 4.
  await page.getByRole("textbox", { name: "Redirect URI 1" }).fill("https://ok.example/cb");
  await page.getByRole("textbox", { name: "Redirect URI 3" }).fill("http://evil.example/cb");
  await page.getByRole("textbox", { name: "Redirect URI 4" }).fill("https://a.example/cb#x");
  await page.getByRole("button", { name: "Create client" }).click();

  await expect(page.getByText("Fix the highlighted fields.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Redirect URI 3" })).toHaveAccessibleDescription(
    "Use https. Plain http is allowed only for localhost, 127.0.0.1 and [::1].",
  );
  await expect(page.getByRole("textbox", { name: "Redirect URI 4" })).toHaveAccessibleDescription(
    "A redirect URI must not contain a fragment (#).",
  );
  await expect(page.getByRole("textbox", { name: "Redirect URI 1" })).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "Redirect URI 3" })).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(new RegExp(`${clientsUrl}/new$`));
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Removing a bad row takes its error with it; the other row keeps its own.
  await page.getByRole("button", { name: "Remove redirect URI 4" }).click();
  await expect(page.getByText("A redirect URI must not contain a fragment (#).")).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Redirect URI 3" })).toHaveAttribute("aria-invalid", "true");

  await page.goto(clientsUrl);
  await expect(page.getByText("Showing 3 of 3")).toBeVisible();
  await expect(page.getByRole("link", { name: "Broken app" })).toHaveCount(0);
});

test("search, filters and sort narrow the list, and live in the URL", async ({ page }) => {
  await signInAs(page, OWNER.email, OWNER.password);
  await page.goto(clientsUrl);
  await expect(page.getByText("Showing 3 of 3")).toBeVisible();

  await page.getByLabel("Search by name or client ID").fill("web");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]q=web/);
  await expect(page.getByText("Showing 1 of 1")).toBeVisible();
  await expect(clientRow(page, webApp.name)).toBeVisible();
  await expect(clientRow(page, machine.name)).toHaveCount(0);

  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page.getByText("Showing 3 of 3")).toBeVisible();

  await page.getByLabel("Search by name or client ID").fill(machine.clientId);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("Showing 1 of 1")).toBeVisible();
  await expect(clientRow(page, machine.name)).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  // The filters re-mount once the navigation lands: wait for it, or an open listbox is detached.
  await expect(page).toHaveURL(new RegExp(`${clientsUrl}$`));
  await expect(page.getByText("Showing 3 of 3")).toBeVisible();

  await page.getByRole("combobox", { name: "Flow" }).click();
  await page.getByRole("option", { name: "Client credentials" }).click();
  await expect(page).toHaveURL(/[?&]flow=client_credentials/);
  await expect(page.getByText("Showing 1 of 1")).toBeVisible();
  await expect(clientRow(page, machine.name)).toBeVisible();

  await page.getByRole("combobox", { name: "Registration" }).click();
  await page.getByRole("option", { name: "DCR", exact: true }).click();
  await expect(page).toHaveURL(/[?&]type=DYNAMIC/);
  await expect(page.getByRole("heading", { name: "No clients match these filters" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).last().click();
  await expect(page).toHaveURL(new RegExp(`${clientsUrl}$`));
  await expect(page.getByText("Showing 3 of 3")).toBeVisible();

  await page.getByRole("combobox", { name: "Sort by" }).click();
  await page.getByRole("option", { name: "Name (A–Z)" }).click();
  await expect(page).toHaveURL(/[?&]sort=name/);
  const names = page.getByRole("row").getByRole("link");
  await expect(names).toHaveText(["Desktop app", machine.name, webApp.name]);

  // The URL alone restores the view.
  await page.goto(`${clientsUrl}?flow=authorization_code&sort=name`);
  await expect(names).toHaveText(["Desktop app", webApp.name]);
});

test("rotating a secret with a grace period keeps the old one working until a shown time", async ({ page }) => {
  await signInAs(page, OWNER.email, OWNER.password);
  await page.goto(machine.detailUrl);
  await page.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Credentials" }).click();
  await expect(page).toHaveURL(new RegExp(`${machine.detailUrl}/credentials$`));
  const oldLast4 = machine.secret.slice(-4);
  await expect(page.getByText(`Secret ending in …${oldLast4}`)).toBeVisible();

  await page.getByRole("radio", { name: "Keep the old secret working for 24 hours" }).check();
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("keeps working for 24 hours");
  await confirm.getByRole("button", { name: "Rotate secret" }).click();

  const reveal = page.getByRole("dialog", { name: "New client secret" });
  await expect(reveal).toContainText("will not be shown again");
  const newSecret = (await reveal.locator("code").filter({ hasText: /^ghs_/ }).innerText()).trim();
  expect(newSecret).not.toBe(machine.secret);
  expect(page.url()).not.toContain(newSecret);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText(newSecret)).toHaveCount(0);

  await expect(page.getByText(`Secret ending in …${newSecret.slice(-4)}`)).toBeVisible();
  await expect(page.getByText(`The previous secret (…${oldLast4}) stops working at`)).toBeVisible();
  machine.secret = newSecret;
});

test("disabling a client shows it everywhere; the status filter finds it", async ({ page }) => {
  await signInAs(page, OWNER.email, OWNER.password);
  await page.goto(`${machine.detailUrl}/danger`);
  await expect(page.getByText("A disabled client cannot authenticate or get tokens.")).toBeVisible();
  await page.getByRole("button", { name: "Disable client" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable client" }).click();
  await expect(page.getByText("Client disabled")).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable client" })).toBeVisible();

  await page.goto(`${clientsUrl}?status=disabled`);
  await expect(page.getByText("Showing 1 of 1")).toBeVisible();
  await expect(clientRow(page, machine.name)).toContainText("Disabled");
  await page.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "Active" }).click();
  await expect(page).toHaveURL(/[?&]status=active/);
  await expect(page.getByText("Showing 2 of 2")).toBeVisible();
  await expect(clientRow(page, machine.name)).toHaveCount(0);
});

test("editing settings keeps the flow's rules and row errors", async ({ page }) => {
  await signInAs(page, OWNER.email, OWNER.password);
  await page.goto(clientsUrl);
  await page.getByRole("link", { name: webApp.name }).click();
  await page.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("textbox", { name: "Redirect URI 2" }).fill("http://evil.example/cb");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("textbox", { name: "Redirect URI 2" })).toHaveAccessibleDescription(/Use https/);

  await page.getByRole("button", { name: "Remove redirect URI 2" }).click();
  await page.getByRole("textbox", { name: "Description", exact: true }).fill("The customer-facing web app");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Client saved")).toBeVisible();
  await page.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByText("The customer-facing web app")).toBeVisible();
  await expect(page.getByText("http://localhost:8080/cb")).toHaveCount(0);

  // A client-credentials client has no redirect URI editor, and says why.
  await page.goto(`${machine.detailUrl}/settings`);
  await expect(page.getByText("This client uses the client-credentials flow: it acts on its own behalf")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add redirect URI" })).toHaveCount(0);
});

test("deleting requires typing the client's exact name", async ({ page }) => {
  await signInAs(page, OWNER.email, OWNER.password);
  await page.goto(`${machine.detailUrl}/danger`);
  await page.getByRole("button", { name: "Delete client" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Every access and refresh token issued to this client stops working");
  const confirm = dialog.getByRole("button", { name: "Delete client" });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("textbox").fill("nightly sync");
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("textbox").fill(machine.name);
  await confirm.click();

  await expect(page.getByText("Client deleted")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${clientsUrl}$`));
  await expect(page.getByText("Showing 2 of 2")).toBeVisible();
  await expect(clientRow(page, machine.name)).toHaveCount(0);
  await page.goto(machine.detailUrl);
  await expect(page.getByText("This page could not be found")).toBeVisible();
});

test("a developer creates clients but cannot delete or disable them", async ({ browser }) => {
  const context = await newSignedInContext(browser, developer);
  const page = await context.newPage();
  await page.goto(clientsUrl);
  await page.getByRole("link", { name: "New client" }).first().click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Developer agent");
  await page.getByRole("button", { name: "Create client" }).click();
  const dialog = page.getByRole("dialog", { name: "Client created" });
  await expect(dialog.locator("code").filter({ hasText: /^ghs_/ })).toHaveCount(1);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Developer agent" })).toBeVisible();

  await page.getByRole("link", { name: "Credentials" }).click();
  await expect(page.getByRole("button", { name: "Rotate secret" })).toBeVisible();
  await page.getByRole("link", { name: "Danger zone" }).click();
  await expect(page.getByText("Your role cannot delete clients.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete client" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Disable client" })).toHaveCount(0);
  await context.close();
});

test("a viewer sees no buttons, and a forged create is refused by the server", async ({ browser }) => {
  const ownerContext = await newSignedInContext(browser, { ...OWNER });
  const viewerContext = await newSignedInContext(browser, viewer);
  const viewerPage = await viewerContext.newPage();

  await viewerPage.goto(clientsUrl);
  await expect(clientRow(viewerPage, webApp.name)).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "New client" })).toHaveCount(0);
  await clientRow(viewerPage, webApp.name).getByRole("link", { name: webApp.name }).click();
  await expect(viewerPage.getByRole("heading", { level: 1, name: webApp.name })).toBeVisible();
  const detailUrl = new URL(viewerPage.url()).pathname;
  for (const tab of ["/settings", "/credentials", "/danger"]) {
    await viewerPage.goto(`${detailUrl}${tab}`);
    await expect(viewerPage.getByRole("heading", { level: 1, name: webApp.name })).toBeVisible();
    await expect(viewerPage.getByRole("main").getByRole("button")).toHaveCount(0);
  }
  await viewerPage.goto(`${clientsUrl}/new`);
  await expect(viewerPage).toHaveURL(/\/servers\?denied=1$/);

  // Forge: the owner's create form, submitted with the viewer's session cookie.
  const forgedPage = await ownerContext.newPage();
  await forgedPage.goto(`${clientsUrl}/new`);
  await forgedPage.getByRole("textbox", { name: "Name", exact: true }).fill("Forged client");
  await ownerContext.clearCookies();
  await ownerContext.addCookies(await viewerContext.cookies());
  await forgedPage.getByRole("button", { name: "Create client" }).click();
  await expect(forgedPage.getByText("Your role cannot do this.")).toBeVisible();
  await expect(forgedPage.getByRole("dialog")).toHaveCount(0);

  await viewerPage.goto(clientsUrl);
  await expect(clientRow(viewerPage, webApp.name)).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "Forged client" })).toHaveCount(0);
  await ownerContext.close();
  await viewerContext.close();
});

test("a private_key_jwt client gets no secret; its Credentials tab lists its public keys", async ({ page }) => {
  const publicJwk = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ format: "jwk" });
  const kid = `signing-${run}`;
  await signInAs(page, OWNER.email, OWNER.password);
  await page.goto(`${clientsUrl}/new`);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Key-signed job");
  await page.getByRole("radio", { name: /Private key JWT/ }).check();
  await page.getByLabel("JWKS (public keys)").fill(JSON.stringify({ keys: [{ ...publicJwk, kid, alg: "ES256" }] }));
  await page.getByRole("button", { name: "Create client" }).click();
  const dialog = page.getByRole("dialog", { name: "Client created" });
  await expect(dialog).toContainText("has no secret: it authenticates with JWTs signed by its private key");
  await dialog.getByRole("button", { name: "Done" }).click();
  await page.getByRole("link", { name: "Credentials" }).click();
  await expect(page.getByRole("heading", { name: "Keys (private_key_jwt)" })).toBeVisible();
  const keys = page.getByRole("table", { name: "Registered public keys" });
  await expect(keys.getByRole("row").filter({ hasText: kid })).toContainText("ES256");
  await expect(page.getByRole("button", { name: "Rotate secret" })).toHaveCount(0);
});
