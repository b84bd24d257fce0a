// Settings › Needs attention, from an admin's side: a webhook whose sync keeps failing and a decision
// MultiMail keeps refusing both show there, with the error and a link to the email. Faults are scoped
// to this test's own emails, so it runs beside the other journeys.
import { expect, test } from "@playwright/test";
import { decideInMultiMail, injectFault, sendHeldEmail } from "./fixtures/multimail";
import { screensAt } from "./support/screens";
import { storageStatePath } from "./support/users";

test("an admin sees webhook deliveries not applied yet and decisions MultiMail refused, each linked to its email", async ({ page, browser }) => {
  const refused = await sendHeldEmail();
  const unsynced = await sendHeldEmail();
  await page.goto("/");
  await expect(page.getByRole("link", { name: new RegExp(refused.subject) })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(unsynced.subject) })).toBeVisible();

  // MultiMail refuses every decision on one email; the reviewer approves it anyway.
  await injectFault({ method: "POST", path_prefix: "/v1/oversight/decide", email_id: refused.id, status: 409, count: 10 });
  await page.getByRole("link", { name: new RegExp(refused.subject) }).click();
  await page.getByRole("button", { name: /^Approve/ }).click();
  await expect(page.getByText(/Approval queued/)).toBeVisible();

  // The other email is decided in MultiMail's own UI while reading it back from the API fails.
  await injectFault({ method: "GET", email_id: unsynced.id, status: 500, count: 200 });
  await decideInMultiMail(unsynced.id, "approve");

  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const ap = await admin.newPage();
  const panel = ap.getByRole("region", { name: "Needs attention" });
  const webhooks = panel.getByRole("list", { name: /Webhook deliveries not applied yet/ });
  const decisions = panel.getByRole("list", { name: /Decisions MultiMail refused/ });
  const back = panel.getByRole("list", { name: /Emails back with reviewers/ });
  await expect(async () => {
    await ap.goto("/settings");
    await expect(webhooks.getByRole("listitem").filter({ hasText: unsynced.id }).filter({ hasText: "Last error" }).first()).toBeVisible({ timeout: 1_000 });
    await expect(decisions.getByRole("listitem").filter({ hasText: refused.subject })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });

  const delivery = webhooks.getByRole("listitem").filter({ hasText: unsynced.id }).filter({ hasText: "Last error" }).first();
  await expect(delivery).toContainText(/oversight\.|message\./);
  await expect(delivery).toContainText(/\d+ attempts?/);
  await expect(delivery.getByRole("link", { name: unsynced.id })).toHaveAttribute("href", /^\/emails\//);

  const decision = decisions.getByRole("listitem").filter({ hasText: refused.subject });
  await expect(decision).toContainText("Approval by Rita Reviewer");
  await expect(decision).toContainText("MultiMail said:");
  await expect(decision).toContainText("back with reviewers");
  await expect(back.getByRole("listitem").filter({ hasText: refused.subject })).toContainText("MultiMail refused the approval");
  await screensAt(ap, "settings-needs-attention");

  await decision.getByRole("link", { name: refused.subject }).click();
  await expect(ap.getByRole("heading", { name: refused.subject })).toBeVisible();
  await expect(ap.getByRole("alert").filter({ hasText: "MultiMail refused the approval" })).toBeVisible();
  await admin.close();
});
