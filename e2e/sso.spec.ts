// Single sign-on through a real OpenID Connect provider started for the suite.
import { expect, test } from "@playwright/test";

test.use({ storageState: { cookies: [], origins: [] } });

test("a first SSO sign-in creates the account with the configured default role", async ({ page }) => {
  const login = `oona${Date.now()}`;
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
  // oidc-provider's own login and consent pages.
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any");
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click();
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await expect(page.getByText(`SSO ${login}`)).toBeVisible();
  await expect(page.getByText("· viewer")).toBeVisible();
  await expect(page.getByText("You have read-only access")).toBeVisible();
});
