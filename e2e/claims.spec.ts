// Working together: opening a held email claims it; others see who, and must take it over to decide.
// A take-over is pushed to the reviewer who lost the claim at once, who may take it back.
import { expect, test, type Browser } from "@playwright/test";
import { emulatorEmail, emulatorEmails, sendHeldEmail } from "./fixtures/multimail";
import { screensAt } from "./support/screens";
import { storageStatePath } from "./support/users";

/** Well under the 30 s claim heartbeat: the page must learn of a take-over from the live event. */
const AT_ONCE = { timeout: 5_000 };

async function ritaAndSam(browser: Browser) {
  const rita = await browser.newContext({ storageState: storageStatePath("reviewer") });
  const sam = await browser.newContext({ storageState: storageStatePath("second") });
  return { rita, sam, rp: await rita.newPage(), sp: await sam.newPage() };
}

test("a claimed email shows its reviewer to others, who must take it over to decide; the one who lost it is told at once and may take it back", async ({ browser }) => {
  const sent = await sendHeldEmail();
  const { rita, sam, rp, sp } = await ritaAndSam(browser);

  await rp.goto("/");
  await rp.getByRole("link", { name: new RegExp(sent.subject) }).click();
  await expect(rp.getByRole("button", { name: /^Approve/ })).toBeVisible();

  await sp.goto("/");
  await expect(sp.getByRole("link", { name: new RegExp(sent.subject) })).toContainText("Rita Reviewer is reviewing");
  await sp.getByRole("link", { name: new RegExp(sent.subject) }).click();
  await expect(sp.getByText("Rita Reviewer is reviewing this email right now")).toBeVisible();
  await expect(sp.getByRole("button", { name: /^Approve/ })).toBeDisabled();
  await sp.getByRole("button", { name: "Take over" }).click();
  await expect(sp.getByRole("button", { name: /^Approve/ })).toBeEnabled();

  // Rita's page is told at once, without a reload, and her decision buttons go off.
  await expect(rp.getByRole("alert").filter({ hasText: "Sam Second took this email over" })).toBeVisible(AT_ONCE);
  await expect(rp.getByRole("button", { name: /^Approve/ })).toBeDisabled();
  await expect(rp.getByRole("button", { name: /^Reject/ })).toBeDisabled();
  await expect(rp.getByRole("button", { name: /^Edit/ })).toBeDisabled();
  await rp.keyboard.press("a");
  await rp.waitForTimeout(300);
  expect((await emulatorEmail(sent.id)).status).toBe("pending_send_approval");

  // She takes it back; now Sam's page says so, and only Rita can decide.
  await rp.getByRole("button", { name: "Take it back" }).click();
  await expect(rp.getByRole("button", { name: /^Approve/ })).toBeEnabled();
  await expect(sp.getByRole("alert").filter({ hasText: "Rita Reviewer took this email over" })).toBeVisible(AT_ONCE);
  await expect(sp.getByRole("button", { name: /^Approve/ })).toBeDisabled();

  await rp.getByRole("button", { name: /^Approve/ }).click();
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("approved_and_sent");

  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const ap = await admin.newPage();
  await ap.goto("/activity?action=claim.");
  await expect(
    ap
      .getByRole("list", { name: /Audit log entries/ })
      .getByRole("listitem")
      .filter({ hasText: "Review taken over" })
      .first(),
  ).toBeVisible();
  await Promise.all([rita.close(), sam.close(), admin.close()]);
});

test("a take-over while editing keeps the edit but turns saving off until the editor takes the email back", async ({ browser }) => {
  const sent = await sendHeldEmail();
  const { rita, sam, rp, sp } = await ritaAndSam(browser);
  await rp.goto("/");
  await rp.getByRole("link", { name: new RegExp(sent.subject) }).click();
  await rp.getByRole("button", { name: /^Edit/ }).click();
  const form = rp.getByRole("form", { name: "Edit the draft" });
  const edited = `${sent.subject} (Rita's edit)`;
  await form.getByLabel("Subject").fill(edited);

  await sp.goto("/");
  await sp.getByRole("link", { name: new RegExp(sent.subject) }).click();
  await sp.getByRole("button", { name: "Take over" }).click();

  await expect(rp.getByRole("alert").filter({ hasText: "Sam Second took this email over" })).toBeVisible(AT_ONCE);
  await expect(rp.getByRole("alert").filter({ hasText: "your unsaved edit is kept" })).toBeVisible();
  await expect(form.getByLabel("Subject")).toHaveValue(edited);
  const save = form.getByRole("button", { name: "Save edit and approve" });
  await expect(save).toBeDisabled();
  await expect(save).toHaveAccessibleDescription(/Sam Second has this email now: take it back to save your edit/);
  await screensAt(rp, "review-after-take-over");

  await rp.getByRole("button", { name: "Take it back" }).click();
  await expect(save).toBeEnabled();
  await save.click();
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("rejected");
  await expect.poll(async () => (await emulatorEmails()).find((e) => e.subject === edited)?.status, { timeout: 20_000 }).toBe("approved_and_sent");
  await Promise.all([rita.close(), sam.close()]);
});
