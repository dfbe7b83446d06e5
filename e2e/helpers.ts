import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const OWNER = { name: "Olivia Owner", email: "owner@example.test", password: "owner-password-123" };

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** An account as the tests know it; `temporary` while its password is an admin-issued temporary one. */
export interface TestAccount {
  email: string;
  password: string;
  temporary?: boolean;
}

/**
 * Fills the sign-in form; when the password is a temporary one (Add member, Add user, an admin's
 * reset), the server sends the person to /account/password first: choose a new one there, as they
 * must, and remember it in `account`. The page then continues to wherever the sign-in was going.
 */
export async function signInReplacingTemporary(page: Page, account: TestAccount) {
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (!account.temporary) return;
  await page.waitForURL(/\/account\/password\?/);
  const chosen = `chosen ${account.password.slice(0, 6)} harbour passphrase`;
  await page.getByLabel("Current password").fill(account.password);
  await page.getByLabel(/^New password/).fill(chosen);
  await page.getByLabel("Confirm new password").fill(chosen);
  await page.getByRole("button", { name: "Change password" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/account/password"));
  account.password = chosen;
  account.temporary = false;
}

export async function expectSignedInDashboard(page: Page) {
  await expect(page).toHaveURL(/\/servers$/);
  await expect(page.getByRole("heading", { level: 1, name: "MCP servers" })).toBeVisible();
}

/** An MCP `initialize` with a bearer token: what the MCP server answers a client holding it. */
export function mcpInitialize(request: APIRequestContext, mcpUrl: string, accessToken: string) {
  return request.post(mcpUrl, {
    headers: {
      Authorization: `Bearer ${accessToken}`,
      Accept: "application/json, text/event-stream",
      "Content-Type": "application/json",
    },
    data: {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "e2e-probe", version: "1.0.0" } },
    },
  });
}
