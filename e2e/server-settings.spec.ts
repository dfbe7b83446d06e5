// Issue 11 #12: an MCP server's Settings are sections that save on their own. Saving one never
// changes what was edited, but not saved, in another; each says that it saved. Runs after
// foundation.spec.ts (the owner exists).
import { expect, test, type Page } from "@playwright/test";
import { OWNER, signIn } from "./helpers";

const run = Date.now().toString(36);

function section(page: Page, name: string) {
  return page.getByRole("region", { name });
}

test("each section saves only its own fields and says so", async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(/\/servers$/);
  const slug = `sections-${run}`;
  const created = await page.request.post("/api/v1/servers", {
    data: {
      name: `Sections ${run}`,
      slug,
      resourceUrl: `https://${slug}.example.com/mcp`,
      scopes: [{ name: "mcp:tools", description: "Use the tools" }],
      dcrMode: "OPEN",
      dcrRateLimitPerHour: 50,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  await page.goto(`/servers/${slug}/settings`);

  for (const name of ["General", "Tokens", "Scopes", "Registration", "Metadata documents"])
    await expect(section(page, name).getByRole("heading", { level: 2, name })).toBeVisible();

  // Edit Registration without saving it, then save Tokens.
  await section(page, "Registration")
    .getByLabel(/registrations per hour/i)
    .fill("7");
  await section(page, "Tokens").getByLabel("Access-token lifetime (seconds)").fill("900");
  await page.getByRole("button", { name: "Save token settings" }).click();
  await expect(section(page, "Tokens").getByRole("status")).toHaveText("Token settings saved.");
  await expect(section(page, "Registration").getByRole("status")).toHaveCount(0);

  const afterTokens = (await (await page.request.get(`/api/v1/servers/${slug}`)).json()) as {
    server: { accessTokenTtl: number; dcrRateLimitPerHour: number; scopes: { name: string }[] };
  };
  expect(afterTokens.server.accessTokenTtl).toBe(900);
  expect(afterTokens.server.dcrRateLimitPerHour).toBe(50);
  expect(afterTokens.server.scopes.map((s) => s.name)).toEqual(["mcp:tools"]);

  // An error in one section stays in that section, next to its field; nothing is saved.
  await section(page, "General").getByLabel("Resource URL").fill("http://not-loopback.example/mcp");
  await page.getByRole("button", { name: "Save general settings" }).click();
  await expect(section(page, "General").getByLabel("Resource URL")).toHaveAccessibleDescription(/https/);
  const afterError = (await (await page.request.get(`/api/v1/servers/${slug}`)).json()) as {
    server: { resourceUrl: string };
  };
  expect(afterError.server.resourceUrl).toBe(`https://${slug}.example.com/mcp`);
});
