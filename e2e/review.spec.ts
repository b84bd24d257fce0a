// A reviewer's core loop against the MultiMail emulator: held → approve / reject / edit.
import { expect, test } from "@playwright/test";
import { emulatorEmail, emulatorEmails, sendHeldEmail } from "./fixtures/multimail";

test("a held email appears live in the open queue, and approving it sends it", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  const sent = await sendHeldEmail();
  const row = page.getByRole("link", { name: new RegExp(sent.subject) });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByRole("heading", { name: sent.subject })).toBeVisible();
  await expect(page.getByText(`Caller ${sent.tag}`).first()).toBeVisible();
  await page.getByRole("button", { name: /^Approve/ }).click();
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("approved_and_sent");
  await page.goto("/?state=approved");
  await expect(page.getByRole("link", { name: new RegExp(sent.subject) })).toBeVisible();
});

test("rejecting with a preset and a note sends the reason, naming the reviewer, to MultiMail", async ({ page }) => {
  const sent = await sendHeldEmail();
  await page.goto("/");
  await page.getByRole("link", { name: new RegExp(sent.subject) }).click();
  await page.getByRole("button", { name: /^Reject/ }).click();
  await page.getByLabel("Wrong recipient").check();
  await page.getByLabel(/Details/).fill("Caller spelled a different address");
  await page.getByRole("button", { name: "Reject email" }).click();
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("rejected");
  const reason = (await emulatorEmail(sent.id)).decision_reason ?? "";
  expect(reason).toContain("Wrong recipient: Caller spelled a different address");
  expect(reason).toMatch(/rejected by .+ in Countersign/);
});

test("editing rejects the original, re-sends the edit and approves it once it matches", async ({ page }) => {
  const sent = await sendHeldEmail();
  await page.goto("/");
  await page.getByRole("link", { name: new RegExp(sent.subject) }).click();
  await page.getByRole("button", { name: /^Edit/ }).click();
  const editedSubject = `${sent.subject} (corrected)`;
  await page.getByLabel("Subject").fill(editedSubject);
  await page.getByLabel("Body (markdown)").fill(`Hi,\n\nYour appointment is **Wednesday at 4 PM**.\n\nRef ${sent.tag}`);
  await page.getByRole("button", { name: "Save edit and approve" }).click();

  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("rejected");
  expect((await emulatorEmail(sent.id)).decision_reason).toMatch(/Replaced by an edited version \(revision 1\)/);
  await expect
    .poll(async () => (await emulatorEmails()).find((e) => e.subject === editedSubject)?.status, { timeout: 20_000 })
    .toBe("approved_and_sent");
  const resent = (await emulatorEmails()).find((e) => e.subject === editedSubject);
  expect(resent?.markdown).toContain("Wednesday at 4 PM");

  // The chain is one item: the original's page shows the revision, its diff and the history.
  await page.goto("/?state=approved");
  await page.getByRole("link", { name: new RegExp(editedSubject.replace(/[()]/g, "\\$&")) }).click();
  await expect(page.getByRole("heading", { name: "Edits" })).toBeVisible();
  await expect(page.getByLabel("Body changes").locator("ins", { hasText: "Wednesday" })).toBeVisible();
  await expect(page.getByLabel("Body changes").locator("del", { hasText: "Tuesday" })).toBeVisible();
  await expect(page.getByText("Re-sent email matches revision 1")).toBeVisible();
});
