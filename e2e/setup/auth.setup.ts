// Signs each e2e user in through the real sign-in page once and keeps their session for the specs.
import { expect, test as setup } from "@playwright/test";
import { E2E_USERS, storageStatePath, type E2EUser } from "../support/users";

for (const who of Object.keys(E2E_USERS) as E2EUser[]) {
  setup(`sign in as ${who}`, async ({ page }) => {
    const u = E2E_USERS[who];
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel("Email").fill(u.email);
    await page.getByLabel("Password").fill(u.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
    await page.context().storageState({ path: storageStatePath(who) });
  });
}
