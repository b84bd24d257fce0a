// A reviewer's core loop against the MultiMail emulator: held → approve / reject / edit.
import { expect, test } from "@playwright/test";
import { emulatorEmail, emulatorEmails, inboundEmail, sendHeldEmail } from "./fixtures/multimail";
import { screensAt } from "./support/screens";

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
  await expect.poll(async () => (await emulatorEmails()).find((e) => e.subject === editedSubject)?.status, { timeout: 20_000 }).toBe("approved_and_sent");
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

test("with unsaved edits Approve is off and says why, for the button and the a key; discarding turns it back on", async ({ page }) => {
  const sent = await sendHeldEmail();
  await page.goto("/");
  await page.getByRole("link", { name: new RegExp(sent.subject) }).click();
  const approve = page.getByRole("button", { name: /^Approve/ });
  const why = page.getByText("You have unsaved edits: Save edit and approve, or discard them first");

  // An open edit form with nothing changed does not stand in the way.
  await page.getByRole("button", { name: /^Edit/ }).click();
  await expect(page.getByRole("form", { name: "Edit the draft" })).toBeVisible();
  await expect(approve).toBeEnabled();
  await expect(why).toHaveCount(0);

  await page.getByLabel("Subject").fill(`${sent.subject} (changed)`);
  await expect(approve).toBeDisabled();
  await expect(why).toBeVisible();
  await expect(approve).toHaveAccessibleDescription(/You have unsaved edits/);
  await screensAt(page, "review-unsaved-edits");

  // The shortcut is off too: focus outside the form, press a, nothing is sent.
  await page.getByRole("heading", { name: "Decision" }).click();
  await page.keyboard.press("a");
  await page.waitForTimeout(500);
  expect((await emulatorEmail(sent.id)).status).toBe("pending_send_approval");

  // Closing the form with Escape keeps the edit, and Approve stays off until it is discarded.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("form", { name: "Edit the draft" })).toHaveCount(0);
  await expect(approve).toBeDisabled();
  await page.getByRole("button", { name: "Discard", exact: true }).click();
  await expect(why).toHaveCount(0);
  await expect(approve).toBeFocused();
  await expect(page.getByRole("heading", { name: sent.subject, exact: true })).toBeVisible();
  await approve.click();
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("approved_and_sent");
  expect((await emulatorEmail(sent.id)).subject).toBe(sent.subject);
});

test("Save edit and approve asks what Approve asks: a stale draft acknowledged, a recipient the call does not confirm", async ({ page }) => {
  const sent = await sendHeldEmail();
  await page.goto("/");
  await page.getByRole("link", { name: new RegExp(sent.subject) }).click();
  await expect(page.getByRole("heading", { name: sent.subject })).toBeVisible();
  await inboundEmail({ from: `caller-${sent.tag}@example.com`, markdown: `Could we make it Thursday instead? (${sent.tag})`, inReplyTo: sent.id });
  await expect(page.getByRole("region", { name: /Stale draft/ })).toBeVisible();

  await page.getByRole("button", { name: /^Edit/ }).click();
  const form = page.getByRole("form", { name: "Edit the draft" });
  const edited = `${sent.subject} (Thursday)`;
  await form.getByLabel("Subject").fill(edited);
  await form.getByLabel("To", { exact: true }).fill(`someone-else-${sent.tag}@example.com`);
  const save = form.getByRole("button", { name: "Save edit and approve" });
  await expect(save).toBeDisabled();
  await expect(form.getByText("This draft is stale: tick that you have seen the newer message to save.")).toBeVisible();
  await form.getByLabel(/I have seen the newer message and my edited version is right to send/).check();
  await expect(save).toBeEnabled();

  // The new recipient is checked by the server against the call, which asks for a confirmation.
  await save.click();
  await expect(page.getByRole("alert").filter({ hasText: "Confirm the recipient before approving" })).toBeVisible();
  expect((await emulatorEmail(sent.id)).status).toBe("pending_send_approval");
  await expect(save).toBeDisabled();
  await form.getByLabel(/I have checked the recipients of my edit/).check();
  await save.click();

  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("rejected");
  await expect.poll(async () => (await emulatorEmails()).find((e) => e.subject === edited)?.to, { timeout: 20_000 }).toEqual([`someone-else-${sent.tag}@example.com`]);
});
