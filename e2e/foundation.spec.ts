// The foundation story as a person lives it: first run → owner → sign in → MCP servers → audit →
// a viewer who cannot create, and whose forged create is refused by the server.
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { expectSignedInDashboard, OWNER, signIn, signInReplacingTemporary, type TestAccount } from "./helpers";

test.describe.configure({ mode: "serial" });

const slug = `weather-${Date.now().toString(36)}`;
let viewer: TestAccount;

async function newSignedInContext(browser: Browser, account: TestAccount): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await signInReplacingTemporary(page, account);
  await expect(page).toHaveURL(/\/servers$/);
  await page.close();
  return context;
}

test("first visit lands on /setup, which creates the owner and then disappears", async ({ page }) => {
  await page.goto("/servers");
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel(/^Password/).fill("short");
  await page.getByLabel("Confirm password").fill("different");
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();

  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel(/^Password/).fill(OWNER.password);
  await page.getByLabel("Confirm password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expectSignedInDashboard(page);
  await expect(page.getByRole("link", { name: "Demo MCP server" })).toBeVisible();

  const setupAgain = await page.request.get("/setup");
  expect(setupAgain.status()).toBe(404);
});

test("sign-in: a generic error for wrong credentials, and only same-origin return paths", async ({ page }) => {
  await signIn(page, OWNER.email, "wrong-password-123");
  await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText(
    "The email or password is incorrect.",
  );
  await signIn(page, "nobody@example.test", "wrong-password-123");
  await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText(
    "The email or password is incorrect.",
  );

  await page.goto("/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/servers$/);
});

test("an owner creates an MCP server; it is listed and audited; a duplicate slug is refused", async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await expectSignedInDashboard(page);
  await page.getByRole("link", { name: "New MCP server" }).first().click();
  await expect(page).toHaveURL(/\/servers\/new$/);

  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Weather tools");
  await page.getByRole("textbox", { name: "Slug" }).fill(slug);
  await page.getByLabel("Resource URL").fill("http://example.com/mcp");
  await page.getByRole("button", { name: "Create MCP server" }).click();
  await expect(page.getByText("Use https (http is allowed only on localhost, 127.0.0.1 or [::1]).")).toBeVisible();

  await page.getByLabel("Resource URL").fill(`https://${slug}.example.com/mcp`);
  await page.getByRole("button", { name: "Create MCP server" }).click();
  await expect(page).toHaveURL(new RegExp(`/servers/${slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Weather tools" })).toBeVisible();
  await expect(page.getByText(`http://localhost:${process.env.E2E_PORT ?? 3100}/oauth/${slug}`)).toBeVisible();

  await page.getByRole("link", { name: "MCP servers" }).click();
  await expect(page.getByRole("link", { name: "Weather tools" })).toBeVisible();

  await page.goto("/servers/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Weather again");
  await page.getByRole("textbox", { name: "Slug" }).fill(slug);
  await page.getByLabel("Resource URL").fill(`https://other-${slug}.example.com/mcp`);
  await page.getByRole("button", { name: "Create MCP server" }).click();
  await expect(page.getByText(`The slug “${slug}” is already used by Weather tools.`)).toBeVisible();

  await page.getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "server.created" }).filter({ hasText: "Weather tools" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(OWNER.email);
});

test("the owner adds a viewer, who gets a one-time temporary password", async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.getByRole("link", { name: "Members" }).click();
  await page.getByRole("button", { name: "Add member" }).click();
  const dialog = page.getByRole("dialog");
  const email = `viewer-${Date.now().toString(36)}@example.test`;
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(dialog.getByRole("heading", { name: "Member added" })).toBeVisible();
  const password = (await dialog.locator("code").innerText()).trim();
  expect(password.length).toBeGreaterThanOrEqual(20);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Viewer");
  viewer = { email, password, temporary: true };
});

test("a viewer sees no create button, and a forged create is refused by the server", async ({ browser }) => {
  const ownerContext = await newSignedInContext(browser, { ...OWNER });
  // The viewer's password is the owner's temporary one: replaced at the first sign-in.
  const viewerContext = await newSignedInContext(browser, viewer);

  const viewerPage = await viewerContext.newPage();
  await viewerPage.goto("/servers");
  await expect(viewerPage.getByRole("heading", { level: 1, name: "MCP servers" })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "Weather tools" })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "New MCP server" })).toHaveCount(0);
  await viewerPage.goto("/servers/new");
  await expect(viewerPage).toHaveURL(/\/servers\?denied=1$/);

  // Forge: the owner's create form, submitted with the viewer's session cookie.
  const forgedPage = await ownerContext.newPage();
  await forgedPage.goto("/servers/new");
  await forgedPage.getByRole("textbox", { name: "Name", exact: true }).fill("Forged server");
  await forgedPage.getByRole("textbox", { name: "Slug" }).fill(`forged-${slug}`);
  await forgedPage.getByLabel("Resource URL").fill(`https://forged-${slug}.example.com/mcp`);
  await ownerContext.clearCookies();
  await ownerContext.addCookies(await viewerContext.cookies());
  await forgedPage.getByRole("button", { name: "Create MCP server" }).click();
  await expect(forgedPage.getByText("Your role cannot do this.")).toBeVisible();

  const api = await viewerPage.request.post("/api/v1/servers", {
    data: { name: "Forged via API", slug: `api-${slug}`, resourceUrl: `https://api-${slug}.example.com/mcp` },
  });
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("FORBIDDEN");

  await viewerPage.goto("/servers");
  await expect(viewerPage.getByRole("link", { name: "Weather tools" })).toBeVisible();
  await expect(viewerPage.getByText("Forged server")).toHaveCount(0);
  await expect(viewerPage.getByText("Forged via API")).toHaveCount(0);
  await ownerContext.close();
  await viewerContext.close();
});

test("every response carries the security headers", async ({ request }) => {
  const res = await request.get("/sign-in");
  expect(res.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});
