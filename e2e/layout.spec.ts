// Issue 11 #2, #4, #5 (fixed in 79b3ad1): the dashboard's layout at 1280 × 800 and 390 × 844,
// measured through element widths (boundingBox, scrollWidth vs clientWidth), not screenshots.
// Runs after foundation.spec.ts (the owner).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { OWNER, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36);
const slug = `layout-${run}`;
const resourceUrl = `https://${slug}.example.com/mcp`;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function signInAsOwner(page: Page) {
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(/\/servers$/);
}

/** How far an element's content sticks out sideways (0 = it fits). */
function horizontalOverflow(locator: Locator): Promise<number> {
  return locator.evaluate((el) => el.scrollWidth - el.clientWidth);
}

function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The element lies inside the viewport (after scrolling to it, as a user would, if the dialog scrolls). */
async function expectInViewport(page: Page, locator: Locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, "the element is rendered").not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
}

test("setup: a server with a few clients (one with a long name)", async ({ page }) => {
  await signInAsOwner(page);
  const server = await page.request.post("/api/v1/servers", {
    data: { name: `Layout ${run}`, slug, resourceUrl, scopes: [{ name: "mcp:tools", description: "Tools" }] },
  });
  expect(server.status()).toBe(201);
  for (const name of [`Claude Desktop ${run}`, `Cursor ${run}`, `Internal reporting agent ${run}`]) {
    const res = await page.request.post(`/api/v1/servers/${slug}/clients`, {
      data: { name, redirectUris: ["https://app.example.com/cb"], isPublic: true },
    });
    expect(res.status()).toBe(201);
  }
});

test("1280 px: the Clients list gives the Name column ≥ 200 px and does not scroll sideways", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAsOwner(page);
  await page.goto(`/servers/${slug}/clients`);
  const table = page.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(4);
  const name = table.getByRole("columnheader", { name: "Name" });
  expect((await name.boundingBox())!.width).toBeGreaterThanOrEqual(200);
  for (const header of ["Registration", "Status"])
    await expect(table.getByRole("columnheader", { name: header })).toBeVisible();
  expect(await horizontalOverflow(page.locator('[data-slot="table-container"]:visible'))).toBeLessThanOrEqual(0);
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
});

test("390 px: the Clients list still fits the viewport, Name and Status visible", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signInAsOwner(page);
  await page.goto(`/servers/${slug}/clients`);
  const table = page.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table.getByRole("columnheader", { name: "Name" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Status" })).toBeVisible();
  expect(await horizontalOverflow(page.locator('[data-slot="table-container"]:visible'))).toBeLessThanOrEqual(0);
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
});

test("1280 px: the Audit table shows the IP column without scrolling sideways", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAsOwner(page);
  await page.goto("/audit");
  // The loading skeleton is a table too, replaced by the loaded one: measure only the loaded table.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const ip = page.getByRole("table").getByRole("columnheader", { name: "IP" });
  await expect(ip).toBeVisible();
  await expect
    .poll(async () => {
      const box = await ip.boundingBox();
      return box ? box.x + box.width : Number.POSITIVE_INFINITY;
    })
    .toBeLessThanOrEqual(DESKTOP.width);
  expect(await horizontalOverflow(page.locator('[data-slot="table-container"]:visible'))).toBeLessThanOrEqual(0);
});

for (const viewport of [DESKTOP, PHONE]) {
  test(`${viewport.width} px: the Connect page's code blocks stay inside the viewport`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signInAsOwner(page);
    await page.goto(`/servers/${slug}/connect`);
    const blocks = page.locator('[data-slot="code-block"]');
    await expect(blocks.first()).toBeVisible();
    const count = await blocks.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const box = await blocks.nth(i).boundingBox();
      if (!box) continue; // a block in a closed tab or disclosure
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `code block ${i + 1} ends inside the viewport`).toBeLessThanOrEqual(viewport.width);
    }
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  });
}

for (const viewport of [DESKTOP, PHONE]) {
  test(`${viewport.width} px: a 100-character unbroken name keeps “Client created”'s Copy and Done in view`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await signInAsOwner(page);
    await page.goto(`/servers/${slug}/clients/new`);
    const name = `L${run}`.padEnd(100, "x");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
    await page.getByRole("button", { name: "Create client" }).click();
    const dialog = page.getByRole("dialog", { name: "Client created" });
    await expect(dialog).toBeVisible();
    await expectInViewport(page, dialog.getByRole("button", { name: "Copy client ID" }));
    await expectInViewport(page, dialog.getByRole("button", { name: "Done" }));
    expect(await horizontalOverflow(dialog)).toBeLessThanOrEqual(0);
    const dialogBox = (await dialog.boundingBox())!;
    expect(dialogBox.x + dialogBox.width).toBeLessThanOrEqual(viewport.width);
  });
}

test("a 10,000-character paste into Name shows the count and is refused with a message, not cut", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signInAsOwner(page);
  await page.goto(`/servers/${slug}/clients/new`);
  const field = page.getByRole("textbox", { name: "Name", exact: true });
  const pasted = "n".repeat(10_000);
  await field.fill(pasted);
  // Nothing cut: the field holds everything that was pasted, and the counter says so.
  expect(await field.inputValue()).toHaveLength(10_000);
  await expect(page.getByTestId("name-count")).toHaveText("10,000 / 100 characters — 9,900 too many");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("dialog", { name: "Client created" })).toHaveCount(0);
  await expect(page.getByText("Use at most 100 characters.").first()).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/servers/${slug}/clients/new$`));
  expect(await field.inputValue()).toHaveLength(10_000);
});
