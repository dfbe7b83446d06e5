import { expect, type Page } from "@playwright/test";

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
