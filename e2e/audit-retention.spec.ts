// The owner sets how long the audit log keeps events (issue 14): Settings → Data retention, saved,
// shown again on reload, and the change itself in the audit log. Runs after foundation.spec.ts.
import { expect, test } from "@playwright/test";
import { OWNER, signIn } from "./helpers";

test("the owner shortens the audit retention and the change is audited", async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(/\/servers$/);
  await page.getByRole("link", { name: "Data retention" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Data retention" })).toBeVisible();
  const period = page.getByLabel("Keep audit events for");
  await expect(period).toHaveValue("forever");
  await expect(page.getByText("download the audit log as CSV")).toBeVisible();

  await period.selectOption({ label: "1 year" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Keep audit events for")).toHaveValue("365");

  await page.goto("/audit?action=settings.updated");
  await expect(page.getByRole("cell", { name: /settings\.updated/ }).first()).toBeVisible();

  // Back to the default, so other specs see an instance that keeps everything.
  await page.goto("/settings/audit-retention");
  await page.getByLabel("Keep audit events for").selectOption("forever");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
});
