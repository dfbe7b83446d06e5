// Issue 11 #11: the pages the authorization endpoint shows instead of redirecting ("Unknown
// application", "Invalid redirect URI") look like the consent screen (a card, not a bare page) and
// carry a request ID to quote to an administrator, at 1280 px and at 390 px.
import { expect, test, type Page } from "@playwright/test";

const AUTHORIZE = "/oauth/demo/authorize";

function authorizeUrl(params: Record<string, string>): string {
  const query = new URLSearchParams({
    response_type: "code",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
    ...params,
  });
  return `${AUTHORIZE}?${query}`;
}

async function expectStyledErrorCard(page: Page, title: string): Promise<string> {
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const card = page.locator("main");
  const style = await card.evaluate((el) => {
    const s = getComputedStyle(el);
    return { radius: parseFloat(s.borderTopLeftRadius), border: parseFloat(s.borderTopWidth) };
  });
  expect(style.radius).toBeGreaterThan(0);
  expect(style.border).toBeGreaterThan(0);
  // The card fits the viewport: nothing scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const requestId = (await page.locator("#request-id").textContent()) ?? "";
  expect(requestId).toMatch(/^req_[\w-]{22}$/);
  return requestId;
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test.describe(`authorization error pages at ${viewport.width} px`, () => {
    test.use({ viewport });

    test("an unknown application gets a styled page with a request ID", async ({ page }) => {
      const res = await page.goto(
        authorizeUrl({ client_id: "ghc_unknown", redirect_uri: "https://app.example/callback" }),
      );
      expect(res?.status()).toBe(400);
      const first = await expectStyledErrorCard(page, "Unknown application");
      // A new ID per request, so one person's report points at one log line.
      await page.reload();
      const second = await expectStyledErrorCard(page, "Unknown application");
      expect(second).not.toBe(first);
    });

    test("a request without a client gets the same treatment", async ({ page }) => {
      const res = await page.goto(authorizeUrl({ redirect_uri: "https://app.example/callback" }));
      expect(res?.status()).toBe(400);
      await expectStyledErrorCard(page, "Missing client_id");
    });
  });
}
