// The DCR policy as an admin lives it (issue 5), each story on a fresh MCP server of its own (the
// `demo` server other specs use keeps open DCR): turn registration off in Settings and see the
// metadata and /register follow; require an initial access token made on the settings page;
// restrict redirect URIs to presets; approve a client from the queue and authorize it; bulk-delete
// never-used DCR clients. Runs after foundation.spec.ts.
import { createHash, randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page, type Route } from "@playwright/test";
import { OWNER, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const GATEHOUSE_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

async function signInAsOwner(page: Page) {
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(/\/servers$/);
}

async function createServer(page: Page, name: string, policy: Record<string, unknown> = {}): Promise<string> {
  const slug = `${name}-${run}`;
  const res = await page.request.post("/api/v1/servers", {
    data: {
      name: `DCR ${name} ${run}`,
      slug,
      resourceUrl: `https://${slug}.example.com/mcp`,
      scopes: [{ name: "mcp:tools", description: "Use the tools" }],
      dcrMode: "OPEN",
      dcrRateLimitPerHour: 0,
      ...policy,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return slug;
}

function register(request: APIRequestContext, slug: string, metadata: Record<string, unknown>) {
  return request.post(`/oauth/${slug}/register`, { data: metadata, headers: { "content-type": "application/json" } });
}

async function metadata(request: APIRequestContext, slug: string): Promise<Record<string, unknown>> {
  const res = await request.get(`/.well-known/oauth-authorization-server/oauth/${slug}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

function dcrFieldset(page: Page) {
  return page.getByRole("group", { name: "Dynamic client registration" });
}

function registrationSection(page: Page) {
  return page.getByRole("region", { name: "Registration" });
}

async function saveSettings(page: Page) {
  // The Registration section saves on its own (issue 11 #12).
  await page.getByRole("button", { name: "Save registration settings" }).click();
  await expect(registrationSection(page).getByRole("status")).toHaveText("Registration settings saved.");
}

function loopback(): { origin: string; redirectUri: string } {
  const origin = `http://127.0.0.1:${40_000 + Math.floor(Math.random() * 20_000)}`;
  return { origin, redirectUri: `${origin}/callback` };
}

test("DCR off in Settings: the metadata loses registration_endpoint and /register answers 404; back on, both return", async ({
  page,
}) => {
  await signInAsOwner(page);
  const slug = await createServer(page, "off");
  expect((await metadata(page.request, slug)).registration_endpoint).toBe(`${GATEHOUSE_URL}/oauth/${slug}/register`);

  await page.goto(`/servers/${slug}/settings`);
  const dcr = dcrFieldset(page);
  await expect(dcr.getByRole("radio", { name: /^Open/ })).toBeChecked();
  await dcr.getByRole("radio", { name: /^Off/ }).check();
  await saveSettings(page);

  expect(await metadata(page.request, slug)).not.toHaveProperty("registration_endpoint");
  const refused = await register(page.request, slug, {
    redirect_uris: [loopback().redirectUri],
    token_endpoint_auth_method: "none",
  });
  expect(refused.status()).toBe(404);

  await page.goto(`/servers/${slug}`);
  await expect(page.getByText("Dynamic registration")).toBeVisible();
  await page.goto(`/servers/${slug}/settings`);
  await expect(dcrFieldset(page).getByRole("radio", { name: /^Off/ })).toBeChecked();
  await dcrFieldset(page).getByRole("radio", { name: /^Open/ }).check();
  await saveSettings(page);
  expect((await metadata(page.request, slug)).registration_endpoint).toBeDefined();
  expect(
    (
      await register(page.request, slug, {
        redirect_uris: [loopback().redirectUri],
        token_endpoint_auth_method: "none",
      })
    ).status(),
  ).toBe(201);
});

test("initial access token required: without one 401; a token made on the settings page is shown once, counts its uses, and can be revoked", async ({
  page,
}) => {
  await signInAsOwner(page);
  const slug = await createServer(page, "token", { dcrMode: "TOKEN" });
  const meta = (name: string) => ({
    redirect_uris: [loopback().redirectUri],
    token_endpoint_auth_method: "none",
    client_name: name,
  });
  const without = await register(page.request, slug, meta("no token"));
  expect(without.status()).toBe(401);
  expect(without.headers()["www-authenticate"]).toContain('error="invalid_token"');

  await page.goto(`/servers/${slug}/settings`);
  await expect(dcrFieldset(page).getByRole("radio", { name: /^Initial access token required/ })).toBeChecked();
  await dcrFieldset(page).getByRole("link", { name: "Manage initial access tokens" }).click();
  await expect(page).toHaveURL(new RegExp(`/servers/${slug}/settings/registration$`));
  await expect(page.getByRole("heading", { name: "No initial access tokens yet" })).toBeVisible();
  await page.getByLabel("Name").fill("CI pipeline");
  await page.getByLabel("Maximum registrations").fill("0");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Use at least 1.")).toBeVisible();
  await page.getByLabel("Maximum registrations").fill("1");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("heading", { name: "Token “CI pipeline” created" })).toBeVisible();
  const token = (await page.locator("code", { hasText: /^ghi_/ }).first().innerText()).trim();
  expect(token).toMatch(/^ghi_[A-Za-z0-9_-]{43}$/);

  const auth = { "content-type": "application/json", authorization: `Bearer ${token}` };
  expect(
    (await page.request.post(`/oauth/${slug}/register`, { data: meta("with token"), headers: auth })).status(),
  ).toBe(201);
  const usedUp = await page.request.post(`/oauth/${slug}/register`, { data: meta("again"), headers: auth });
  expect(usedUp.status()).toBe(401);
  expect(((await usedUp.json()) as { error_description: string }).error_description).toContain("used up");

  await page.getByRole("button", { name: "Done" }).click();
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: "CI pipeline" });
  await expect(row).toContainText("1 / 1");
  await expect(row).toContainText("Used up");
  await expect(page.getByText(token)).toHaveCount(0);
  await row.getByRole("button", { name: "Revoke CI pipeline" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByText("Initial access token “CI pipeline” revoked")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "CI pipeline" })).toContainText("Revoked");
});

test("presets restrict redirect URIs; a bad custom entry is refused next to its field", async ({ page }) => {
  await signInAsOwner(page);
  const slug = await createServer(page, "presets");
  await page.goto(`/servers/${slug}/settings`);
  const dcr = dcrFieldset(page);

  // A wildcard custom entry: the error shows next to the field, nothing is saved.
  await dcr.getByLabel("Custom redirect URIs and hosts").fill("*.example.com");
  await page.getByRole("button", { name: "Save registration settings" }).click();
  await expect(dcr.getByText("Wildcards are not allowed")).toBeVisible();

  await dcr.getByLabel("Custom redirect URIs and hosts").fill("tools.example.com");
  await dcr.getByRole("checkbox", { name: /^Claude/ }).check();
  await saveSettings(page);

  const claude = await register(page.request, slug, {
    redirect_uris: ["https://claude.ai/api/mcp/auth_callback"],
    token_endpoint_auth_method: "none",
    client_name: "Claude",
  });
  expect(claude.status()).toBe(201);
  const host = await register(page.request, slug, {
    redirect_uris: ["https://tools.example.com/oauth/cb"],
    token_endpoint_auth_method: "none",
    client_name: "Tools",
  });
  expect(host.status()).toBe(201);
  const local = loopback().redirectUri;
  const refused = await register(page.request, slug, {
    redirect_uris: [local],
    token_endpoint_auth_method: "none",
    client_name: "Local",
  });
  expect(refused.status()).toBe(400);
  const body = (await refused.json()) as { error: string; error_description: string };
  expect(body.error).toBe("invalid_redirect_uri");
  expect(body.error_description).toContain(local);
  expect(body.error_description).toContain("registration policy");

  // The settings page shows what was saved.
  await page.goto(`/servers/${slug}/settings`);
  await expect(dcrFieldset(page).getByRole("checkbox", { name: /^Claude/ })).toBeChecked();
  await expect(dcrFieldset(page).getByLabel("Custom redirect URIs and hosts")).toHaveValue("tools.example.com");
});

test("the approval queue: a registered client waits as pending, /authorize says so; approved, authorization works", async ({
  page,
}) => {
  await signInAsOwner(page);
  const slug = await createServer(page, "approval", { dcrRequireApproval: true });
  const { origin, redirectUri } = loopback();
  const name = `Queued agent ${run}`;
  const res = await register(page.request, slug, {
    redirect_uris: [redirectUri],
    token_endpoint_auth_method: "none",
    client_name: name,
    application_type: "native",
  });
  expect(res.status()).toBe(201);
  const { client_id: clientId } = (await res.json()) as { client_id: string };

  // Pending in the Clients list, and under the "Pending approval" filter.
  await page.goto(`/servers/${slug}/clients?status=pending`);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row).toContainText("Pending approval");

  // Until approved, /authorize is an error page (no redirect to the client).
  const verifier = randomBytes(32).toString("base64url");
  const authorize = new URL(`${GATEHOUSE_URL}/oauth/${slug}/authorize`);
  for (const [k, v] of Object.entries({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    scope: "mcp:tools",
    state: "st-1",
  }))
    authorize.searchParams.set(k, v);
  const waiting = await page.goto(authorize.toString());
  expect(waiting?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Waiting for approval" })).toBeVisible();
  await expect(page.getByText("awaits an administrator's approval")).toBeVisible();

  // Approve from the list.
  await page.goto(`/servers/${slug}/clients?status=pending`);
  await row.getByRole("button", { name: `Approve ${name}` }).click();
  await expect(page.getByText(`“${name}” approved`)).toBeVisible();
  await page.goto(`/servers/${slug}/clients`);
  await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) })).toContainText(
    "Active",
  );

  // Now the owner can authorize it: consent, Allow, back to the client with a code that works.
  let resolve!: (url: URL) => void;
  const callback = new Promise<URL>((r) => (resolve = r));
  await page.route(
    (url) => url.origin === origin,
    async (route: Route) => {
      resolve(new URL(route.request().url()));
      await route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Done</title>" });
    },
  );
  await page.goto(authorize.toString());
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`${name} wants to access`) })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();
  const returned = await callback;
  expect(returned.searchParams.get("state")).toBe("st-1");
  const code = returned.searchParams.get("code");
  expect(code).toBeTruthy();
  const token = await page.request.post(`/oauth/${slug}/token`, {
    form: {
      grant_type: "authorization_code",
      code: code!,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    },
  });
  expect(token.status(), await token.text()).toBe(200);
  expect(((await token.json()) as { access_token?: string }).access_token).toBeTruthy();
});

test("bulk delete: the “DCR · never used” filter, select all, delete them in one go", async ({ page }) => {
  await signInAsOwner(page);
  const slug = await createServer(page, "bulk");
  const names = ["Stale one", "Stale two", "Stale three"].map((n) => `${n} ${run}`);
  for (const client_name of names) {
    expect(
      (
        await register(page.request, slug, {
          redirect_uris: [loopback().redirectUri],
          token_endpoint_auth_method: "none",
          client_name,
        })
      ).status(),
    ).toBe(201);
  }
  const keep = await page.request.post(`/api/v1/servers/${slug}/clients`, { data: { name: `Pre-registered ${run}` } });
  expect(keep.status()).toBe(201);

  await page.goto(`/servers/${slug}/clients`);
  await page.getByRole("combobox", { name: "Registration" }).click();
  await page.getByRole("option", { name: "DCR · never used" }).click();
  await expect(page).toHaveURL(/[?&]type=dcr_unused/);
  await expect(page.getByText("Showing 3 of 3")).toBeVisible();

  await page.getByRole("checkbox", { name: "Select all clients on this page" }).check();
  await expect(page.getByText("3 selected")).toBeVisible();
  await page.getByRole("button", { name: "Delete selected (3)" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("heading", { name: "Delete 3 clients?" })).toBeVisible();
  for (const n of names) await expect(dialog.getByText(n)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Delete 3 clients" }).click();
  await expect(page.getByText("Deleted 3 clients")).toBeVisible();
  await expect(page.getByRole("heading", { name: "No clients match these filters" })).toBeVisible();

  // The pre-registered client is still there, and each deletion is in the audit log.
  await page.goto(`/servers/${slug}/clients`);
  await expect(page.getByText("Showing 1 of 1")).toBeVisible();
  const audit = await page.request.get(`/api/v1/audit?action=client.deleted&server=${slug}`);
  expect(audit.status()).toBe(200);
  const events = ((await audit.json()) as { events: { targetLabel: string | null }[] }).events;
  expect(events.map((e) => e.targetLabel).sort()).toEqual([...names].sort());
});
