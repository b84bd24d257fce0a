// A fresh install has no default credentials: the first visitor creates the admin, once.
import { expect, test } from "@playwright/test";
import { E2E } from "./support/ports";

test.use({ storageState: { cookies: [], origins: [] } });

test("the first visitor of a fresh install creates the admin, and setup then closes", async ({ page, browser }) => {
  await page.goto(`${E2E.freshUrl}/`);
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
  await page.getByLabel("Your name").fill("Fran First");
  await page.getByLabel("Email").fill("fran@fresh.e2e.test");
  await page.getByLabel("Password (10+ characters)").fill("first-admin-password");
  await page.getByLabel("Repeat the password").fill("first-admin-password");
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await expect(page.getByText("· admin")).toBeVisible();
  await expect(page.getByText("Connect MultiMail to start reviewing").or(page.getByText("Nothing is waiting for review"))).toBeVisible();

  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const visitor = await other.newPage();
  await visitor.goto(`${E2E.freshUrl}/setup`);
  await expect(visitor).toHaveURL(/\/login/);
  await other.close();
});
