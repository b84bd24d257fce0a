// Working together: opening a held email claims it; others see who, and must take it over to decide.
import { expect, test } from "@playwright/test";
import { emulatorEmail, sendHeldEmail } from "./fixtures/multimail";
import { storageStatePath } from "./support/users";

test("a claimed email shows its reviewer to others, who must take it over before deciding", async ({ browser }) => {
  const sent = await sendHeldEmail();
  const rita = await browser.newContext({ storageState: storageStatePath("reviewer") });
  const sam = await browser.newContext({ storageState: storageStatePath("second") });
  const rp = await rita.newPage();
  const sp = await sam.newPage();

  await rp.goto("/");
  await rp.getByRole("link", { name: new RegExp(sent.subject) }).click();
  await expect(rp.getByRole("button", { name: /^Approve/ })).toBeVisible();

  await sp.goto("/");
  await expect(sp.getByRole("link", { name: new RegExp(sent.subject) })).toContainText("Rita Reviewer is reviewing");
  await sp.getByRole("link", { name: new RegExp(sent.subject) }).click();
  await expect(sp.getByText("Rita Reviewer is reviewing this email right now")).toBeVisible();
  await expect(sp.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  await sp.getByRole("button", { name: "Take over" }).click();
  await expect(sp.getByRole("button", { name: /^Approve/ })).toBeVisible();

  // Rita's page still shows her buttons, but the server refuses her decision now.
  await rp.getByRole("button", { name: /^Approve/ }).click();
  await expect(rp.getByText("Sam Second is reviewing this email right now")).toBeVisible();
  expect((await emulatorEmail(sent.id)).status).toBe("pending_send_approval");

  await sp.getByRole("button", { name: /^Approve/ }).click();
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("approved_and_sent");

  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const ap = await admin.newPage();
  await ap.goto("/activity?action=claim.");
  await expect(ap.getByRole("cell", { name: "claim.taken_over" }).first()).toBeVisible();
  await Promise.all([rita.close(), sam.close(), admin.close()]);
});
