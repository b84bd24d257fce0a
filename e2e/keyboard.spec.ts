// A day's queue by keyboard: every decision on the review page in a few keys, counted here as the
// reviewer would press them, against the MultiMail emulator.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { callerSession } from "./fixtures/livekit";
import { emulatorEmail, emulatorEmails, inboundEmail, sendHeldEmail } from "./fixtures/multimail";
import { screensAt } from "./support/screens";
import { storageStatePath } from "./support/users";

/** Presses keys and counts them: the count is what a reviewer spends on a decision. */
function keyboard(page: Page) {
  let presses = 0;
  return {
    press: async (key: string) => {
      presses += 1;
      await page.keyboard.press(key);
    },
    get presses() {
      return presses;
    },
  };
}

/** Opens a held email from the queue and waits until its checks are in and Approve is ready. */
async function open(page: Page, subject: string, ready = true) {
  await page.goto("/");
  await page.getByRole("link", { name: new RegExp(subject) }).click();
  await expect(page.getByRole("heading", { name: subject, exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Evidence checks" })).not.toHaveAttribute("aria-busy", "true");
  if (ready) await expect(page.getByRole("button", { name: /^Approve/ })).toBeEnabled();
  return page.url();
}

/** The notice after a decision names the email, on the next email's page or back on the queue. */
const decided = (page: Page, verb: string, subject: string) => page.getByText(`${verb}: “${subject}” to`);

test("approve is one key, and the notice names what was approved", async ({ page }) => {
  const sent = await sendHeldEmail();
  const url = await open(page, sent.subject);
  const keys = keyboard(page);
  await keys.press("a");
  await expect(page).not.toHaveURL(url);
  await expect(decided(page, "Approved", sent.subject)).toBeVisible();
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("approved_and_sent");
  expect(keys.presses).toBeLessThanOrEqual(1);
});

test("a gated email approves in three keys: a goes to the gate and says why, Space ticks it, a approves", async ({ page }) => {
  // The call's caller is one address, the draft goes to another: the recipient waits for a confirmation.
  const tag = randomUUID().slice(0, 8);
  await callerSession({ sid: `RM_e2ekb${tag}`, name: `call-kb-${tag}` }, { email: `caller-${tag}@example.com`, name: `Caller ${tag}` });
  const sent = await sendHeldEmail({
    to: [`someone-else-${tag}@example.com`],
    metadata: { session_id: `RM_e2ekb${tag}`, caller_email: `caller-${tag}@example.com`, caller_name: `Caller ${tag}` },
  });
  await open(page, sent.subject, false);
  await expect(page.getByRole("button", { name: /^Approve/ })).toBeDisabled();
  const confirm = page.getByLabel(/I have checked the recipient/);
  await expect(confirm).toBeVisible();

  const keys = keyboard(page);
  await keys.press("a");
  await expect(confirm).toBeFocused();
  await expect(page.getByText("The call does not confirm this recipient: press Space to confirm it, then a to approve.").first()).toBeVisible();
  expect((await emulatorEmail(sent.id)).status).toBe("pending_send_approval");
  await screensAt(page, "keyboard-gated-approve");
  await keys.press("Space");
  await expect(confirm).toBeChecked();
  await keys.press("a");
  await expect(decided(page, "Approved", sent.subject)).toBeVisible();
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("approved_and_sent");
  expect(keys.presses).toBeLessThanOrEqual(3);
});

test("a stale draft approves in three keys too", async ({ page }) => {
  const sent = await sendHeldEmail();
  await open(page, sent.subject);
  await inboundEmail({ from: `caller-${sent.tag}@example.com`, markdown: `One more thing (${sent.tag})`, inReplyTo: sent.id });
  const stale = page.getByRole("region", { name: /Stale draft/ });
  await expect(stale).toBeVisible();
  const keys = keyboard(page);
  await keys.press("a");
  await expect(stale.getByRole("checkbox")).toBeFocused();
  await expect(page.getByText(/This draft is stale: read what is newer, press Space/).first()).toBeVisible();
  await keys.press("Space");
  await keys.press("a");
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("approved_and_sent");
  expect(keys.presses).toBeLessThanOrEqual(3);
});

test("reject with a preset reason is three keys: r, its number, Enter", async ({ page }) => {
  const sent = await sendHeldEmail();
  await open(page, sent.subject);
  const keys = keyboard(page);
  await keys.press("r");
  await expect(page.getByRole("radio", { name: "Wrong recipient" })).toBeFocused();
  await screensAt(page, "keyboard-reject");
  await keys.press("1");
  await expect(page.getByRole("radio", { name: "Wrong recipient" })).toBeChecked();
  await keys.press("Enter");
  await expect(decided(page, "Rejected", sent.subject)).toBeVisible();
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("rejected");
  expect((await emulatorEmail(sent.id)).decision_reason).toMatch(/^Wrong recipient \(rejected by .+ in Countersign\)/);
  expect(keys.presses).toBeLessThanOrEqual(3);
});

test("e opens the editor in the body, Ctrl+Enter saves the edit and approves it", async ({ page }) => {
  const sent = await sendHeldEmail();
  await open(page, sent.subject);
  const keys = keyboard(page);
  await keys.press("e");
  const body = page.getByLabel("Body (markdown)");
  await expect(body).toBeFocused();
  await page.keyboard.insertText(`Moved to Wednesday (${sent.tag}). `);
  await keys.press("Control+Enter");
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("rejected");
  expect((await emulatorEmail(sent.id)).decision_reason).toMatch(/Replaced by an edited version \(revision 1\)/);
  await expect
    .poll(async () => (await emulatorEmails()).find((e) => e.subject === sent.subject && e.id !== sent.id && e.markdown.includes("Moved to Wednesday"))?.status, {
      timeout: 20_000,
    })
    .toBe("approved_and_sent");
  // e and Ctrl+Enter: two keys besides the words themselves.
  expect(keys.presses).toBeLessThanOrEqual(2);
});

test("j and k move to the next and previous email in the queue's order", async ({ page }) => {
  const first = await sendHeldEmail();
  const second = await sendHeldEmail();
  await expect.poll(async () => (await emulatorEmail(second.id)).status).toBe("pending_send_approval");
  const firstUrl = await open(page, first.subject, false);
  await page.getByRole("heading", { name: "Decision" }).click();
  await page.keyboard.press("j");
  await expect(page).not.toHaveURL(firstUrl);
  await expect(page.getByRole("article", { name: "Draft" })).toBeVisible();
  const nextUrl = page.url();
  const nextSubject = (await page.getByRole("article", { name: "Draft" }).getByRole("heading", { level: 2 }).textContent())!.trim();
  await page.keyboard.press("k");
  await expect(page).toHaveURL(firstUrl);
  await expect(page.getByRole("heading", { name: first.subject, exact: true })).toBeVisible();
  // The browser's Back and Forward walk the same emails, each address showing its own email.
  await page.goBack();
  await expect(page).toHaveURL(nextUrl);
  await expect(page.getByRole("heading", { name: nextSubject, exact: true })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(firstUrl);
  await expect(page.getByRole("heading", { name: first.subject, exact: true })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole("heading", { name: nextSubject, exact: true })).toBeVisible();
});

test("? lists every shortcut in a dialog; Esc closes it and the keyboard is back where it was", async ({ page }) => {
  const sent = await sendHeldEmail();
  const url = await open(page, sent.subject, false);
  const back = page.getByRole("link", { name: "← Queue" });
  await back.focus();
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  for (const what of [
    /^Approve/,
    /^Reject: opens the reasons/,
    /pick that reason/,
    /^Edit the draft/,
    /save edit and approve/,
    /^Undo the last decision/,
    /^Next email/,
    /^Previous email/,
  ])
    await expect(dialog.getByText(what)).toBeVisible();
  await screensAt(page, "keyboard-help");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(back).toBeFocused();
  // Esc closed the dialog only: the page did not also go back to the queue.
  await expect(page).toHaveURL(url);
});

test.describe("single-key shortcuts turned off", () => {
  // Its own account: the switch is per person, and other specs rely on the reviewer's keys.
  test.use({ storageState: storageStatePath("admin") });

  test("stay off after a reload, and come back on from the dialog", async ({ page }) => {
    const sent = await sendHeldEmail();
    await open(page, sent.subject);
    await page.getByRole("heading", { name: "Decision" }).click();
    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    const toggle = dialog.getByRole("checkbox", { name: /Single-key shortcuts/ });
    await expect(toggle).toBeChecked();
    await toggle.uncheck();
    await expect(dialog.getByText("Single-key shortcuts are off.")).toBeVisible();
    await page.keyboard.press("Escape");

    try {
      await page.reload();
      await expect(page.getByRole("button", { name: /^Approve/ })).toBeEnabled();
      await expect(page.getByRole("button", { name: /^Approve/ }).locator("kbd")).toHaveCount(0);
      await page.getByRole("heading", { name: "Decision" }).click();
      for (const key of ["a", "r", "?"]) await page.keyboard.press(key);
      await page.waitForTimeout(700);
      expect((await emulatorEmail(sent.id)).status).toBe("pending_send_approval");
      await expect(page.getByRole("form", { name: "Reject" })).toHaveCount(0);
      await expect(dialog).toBeHidden();
    } finally {
      await page.getByRole("button", { name: /^Shortcuts/ }).click();
      await expect(dialog).toBeVisible();
      await toggle.check();
      await expect(dialog.getByText("Single-key shortcuts are on.")).toBeVisible();
    }
    await page.keyboard.press("Escape");
    await page.getByRole("heading", { name: "Decision" }).click();
    await page.keyboard.press("a");
    await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("approved_and_sent");
  });
});
