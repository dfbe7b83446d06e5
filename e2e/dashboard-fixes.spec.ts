// Issue 11's dashboard defects, each asserted where an administrator met it: what "no allowed
// scopes" means, a confirmed Disable, no Consents tab for machine-to-machine clients, the wording,
// revoking a rotated secret early, the way to "My authorized apps" and back, audit links, an
// inverted audit date range, and deleting an MCP server. Runs after foundation.spec.ts.
import { expect, test, type Page } from "@playwright/test";
import { OWNER, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const slug = `fixes-${run}`;
const serverName = `Fixes server ${run}`;
const machine = { name: `Machine ${run}`, id: "", clientId: "", secret: "" };
const webApp = { name: `Web app ${run}`, id: "" };

function clientUrl(id: string, tab = ""): string {
  return `/servers/${slug}/clients/${id}${tab}`;
}

async function signInAsOwner(page: Page) {
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(/\/servers$/);
}

function clientSections(page: Page) {
  return page.getByRole("navigation", { name: "Client sections" });
}

test("setup: a server with two scopes, a machine client with no scopes ticked, and a web app", async ({ page }) => {
  await signInAsOwner(page);
  const server = await page.request.post("/api/v1/servers", {
    data: {
      name: serverName,
      slug,
      resourceUrl: `https://${slug}.example.com/mcp`,
      scopes: [
        { name: "mcp:tools", description: "Use the tools" },
        { name: "mcp:admin", description: "Administer the server" },
      ],
    },
  });
  expect(server.status()).toBe(201);
  const m2m = await page.request.post(`/api/v1/servers/${slug}/clients`, { data: { name: machine.name } });
  expect(m2m.status()).toBe(201);
  const created = (await m2m.json()) as { client: { id: string; clientId: string }; clientSecret: string };
  Object.assign(machine, { id: created.client.id, clientId: created.client.clientId, secret: created.clientSecret });
  const web = await page.request.post(`/api/v1/servers/${slug}/clients`, {
    data: { name: webApp.name, redirectUris: ["https://app.example.com/cb"], isPublic: true },
  });
  expect(web.status()).toBe(201);
  webApp.id = ((await web.json()) as { client: { id: string } }).client.id;
});

test("#3 no scopes ticked reads “All of the server's scopes” on the details, and the form says so", async ({
  page,
}) => {
  await signInAsOwner(page);
  await page.goto(clientUrl(machine.id));
  await expect(page.getByText("All of the server's scopes", { exact: true })).toBeVisible();
  await page.goto(clientUrl(machine.id, "/settings"));
  await expect(page.getByText("With none ticked it may ask for all of the server's scopes")).toBeVisible();
  await page.goto(`/servers/${slug}/clients/new`);
  const help = page.getByText("With none ticked it may ask for all of the server's scopes");
  await expect(help).toBeVisible();
  await expect(page.getByText("it cannot be granted a scope left unticked")).toHaveCount(0);
});

test("#7 a machine-to-machine client has no Consents tab, and its Overview says why", async ({ page }) => {
  await signInAsOwner(page);
  await page.goto(clientUrl(machine.id));
  await expect(clientSections(page).getByRole("link", { name: "Overview" })).toBeVisible();
  await expect(clientSections(page).getByRole("link", { name: "Consents" })).toHaveCount(0);
  await expect(page.getByText("a machine-to-machine client acts as itself")).toBeVisible();
  await expect(page.getByText(/consents? granted/)).toHaveCount(0);

  await page.goto(clientUrl(webApp.id));
  await expect(clientSections(page).getByRole("link", { name: "Consents" })).toBeVisible();
  await expect(page.getByText("0 users granted access")).toBeVisible();
});

test("#9 wording: one Registration sentence, Registration column, public vs confidential, no “yet” on Consents", async ({
  page,
}) => {
  await signInAsOwner(page);
  await page.goto(clientUrl(machine.id));
  await expect(page.getByText(`Pre-registered in the dashboard by ${OWNER.email}.`)).toBeVisible();
  await expect(page.getByText("Pre-registered: Pre-registered")).toHaveCount(0);
  await expect(page.getByText("Confidential", { exact: true })).toBeVisible();

  await page.goto(clientUrl(webApp.id));
  await expect(page.getByText("Public", { exact: true })).toBeVisible();
  await expect(page.getByText("0 consents granted")).toBeVisible();

  await page.goto(`/servers/${slug}/clients`);
  await expect(page.getByRole("columnheader", { name: "Registration" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Type", exact: true })).toHaveCount(0);
  const machineRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: machine.name }) });
  await expect(machineRow).toContainText("Client credentials · Confidential");
  const webRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: webApp.name }) });
  await expect(webRow).toContainText("Authorization code · Public");

  await page.goto(clientUrl(webApp.id, "/consents"));
  await expect(page.getByRole("heading", { name: "No one has access through this client" })).toBeVisible();
  await expect(page.getByText(/granted consent yet/)).toHaveCount(0);
});

test("#6 Disable asks first and says what happens; Cancel changes nothing", async ({ page }) => {
  await signInAsOwner(page);
  await page.goto(clientUrl(machine.id, "/danger"));
  await page.getByRole("button", { name: "Disable client" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Every user's tokens for this client stop working at once");
  await expect(dialog).toContainText("refresh tokens");
  await expect(dialog).toContainText("you can enable it again");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("button", { name: "Disable client" })).toBeVisible();

  await page.getByRole("button", { name: "Disable client" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable client" }).click();
  await expect(page.getByText("Client disabled")).toBeVisible();
  await page.getByRole("button", { name: "Enable client" }).click();
  await expect(page.getByText("Client enabled")).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable client" })).toBeVisible();
});

test("#10b during a rotation's grace period the previous secret can be revoked now", async ({ page }) => {
  await signInAsOwner(page);
  const rotated = await page.request.post(`/api/v1/servers/${slug}/clients/${machine.id}/rotate-secret`, {
    data: { gracePeriod: "24h" },
  });
  expect(rotated.status()).toBe(200);
  const oldSecret = machine.secret;
  machine.secret = ((await rotated.json()) as { clientSecret: string }).clientSecret;
  const token = (secret: string) =>
    page.request.post(`/oauth/${slug}/token`, {
      headers: { authorization: `Basic ${Buffer.from(`${machine.clientId}:${secret}`).toString("base64")}` },
      form: { grant_type: "client_credentials" },
    });
  expect((await token(oldSecret)).status()).toBe(200);

  await page.goto(clientUrl(machine.id, "/credentials"));
  await expect(page.getByText(`The previous secret (…${oldSecret.slice(-4)}) stops working at`)).toBeVisible();
  await page.getByRole("button", { name: "Revoke previous secret now" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("stops working at once");
  await dialog.getByRole("button", { name: "Revoke previous secret" }).click();
  await expect(page.getByText("Previous secret revoked")).toBeVisible();
  await expect(page.getByText("The previous secret (…")).toHaveCount(0);

  expect((await token(oldSecret)).status()).toBe(401);
  const fresh = await token(machine.secret);
  expect(fresh.status()).toBe(200);
  // No scopes ticked: the token carries every scope of the server (#3, at the real endpoint).
  expect(((await fresh.json()) as { scope: string }).scope).toBe("mcp:tools mcp:admin");
});

test("#10c the dashboard links to My authorized apps, which links back for staff", async ({ page }) => {
  await signInAsOwner(page);
  await page.getByRole("link", { name: "My authorized apps" }).click();
  await expect(page).toHaveURL(/\/account\/apps$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your authorized apps" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page).toHaveURL(/\/servers$/);
});

test("#10d audit targets link to the thing they name", async ({ page }) => {
  await signInAsOwner(page);
  await page.goto(`/audit?server=${slug}&action=client.disabled`);
  const row = page.getByRole("row").filter({ hasText: "client.disabled" });
  await row.getByRole("link", { name: machine.name }).click();
  await expect(page).toHaveURL(new RegExp(`${clientUrl(machine.id)}$`));
  await expect(page.getByRole("heading", { level: 1, name: machine.name })).toBeVisible();

  await page.goto(`/audit?server=${slug}&action=client.previous_secret_revoked`);
  const revoked = page.getByRole("row").filter({ hasText: "client.previous_secret_revoked" });
  await revoked.getByRole("button", { name: /Details of/ }).click();
  await page.getByRole("link", { name: machine.id, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${clientUrl(machine.id)}$`));
});

test("#10e an inverted audit date range is a message next to the dates, and a 422 from the API", async ({ page }) => {
  await signInAsOwner(page);
  await page.goto("/audit?from=2026-12-05&to=2026-12-01");
  await expect(page.getByRole("alert").filter({ hasText: "is after the To date" })).toBeVisible();
  await expect(page.getByLabel("From date")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("No events match these filters")).toHaveCount(0);

  const res = await page.request.get("/api/v1/audit?from=2026-12-05&to=2026-12-01");
  expect(res.status()).toBe(422);
  expect(await res.json()).toMatchObject({ error: { fields: { from: [expect.stringContaining("To date")] } } });
});

test("#10a an MCP server is deleted from its Settings, showing what goes and confirmed by its name", async ({
  page,
}) => {
  await signInAsOwner(page);
  await page.goto(`/servers/${slug}/settings`);
  await expect(page.getByRole("heading", { name: "Danger zone" })).toBeVisible();
  await expect(page.getByText("takes down 2 clients, 0 user consents").first()).toBeVisible();
  await page.getByRole("button", { name: "Delete MCP server" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("2 scopes");
  const confirm = dialog.getByRole("button", { name: "Delete MCP server" });
  await dialog.getByRole("textbox").fill(serverName.toUpperCase());
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("textbox").fill(serverName);
  await confirm.click();

  await expect(page).toHaveURL(/\/servers$/);
  await expect(page.getByText("MCP server deleted, with 2 clients")).toBeVisible();
  await expect(page.getByRole("link", { name: serverName })).toHaveCount(0);
  expect((await page.request.get(`/api/v1/servers/${slug}`)).status()).toBe(404);
});
