import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const OWNER = { name: "Olivia Owner", email: "owner@example.test", password: "owner-password-123" };

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
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
