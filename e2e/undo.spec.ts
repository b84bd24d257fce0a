// Undo: with a grace period on, a decision waits before it goes to MultiMail; `z` and the notice's
// Undo put the email back, and it never reaches MultiMail. Once the period is over the decision is
// sent and there is nothing to undo. The period is deployment-wide: this spec runs in its own project.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { emulatorEmail, sendHeldEmail } from "./fixtures/multimail";
import { screensAt } from "./support/screens";
import { storageStatePath } from "./support/users";

test.describe.configure({ mode: "serial" });

async function setGrace(browser: Browser, seconds: number) {
  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const page = await admin.newPage();
  await page.goto("/settings");
  const rules = page.getByRole("region", { name: "Review rules" });
  await rules.getByLabel("Undo period").fill(String(seconds));
  await rules.getByRole("button", { name: "Save" }).click();
  await expect(rules.getByRole("status").filter({ hasText: seconds === 0 ? "at once" : `wait ${seconds} s` })).toBeVisible();
  await admin.close();
}

async function open(page: Page, subject: string) {
  await page.goto("/");
  await page.getByRole("link", { name: new RegExp(subject) }).click();
  await expect(page.getByRole("heading", { name: subject, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Approve/ })).toBeEnabled();
  return page.url();
}

test.afterAll(async ({ browser }) => {
  await setGrace(browser, 0);
});

test("z and the notice's Undo take a decision back while it waits, and MultiMail never hears of it", async ({ page, browser }) => {
  await setGrace(browser, 30);
  const first = await sendHeldEmail();
  await sendHeldEmail();
  const url = await open(page, first.subject);
  await page.keyboard.press("a");
  await expect(page).not.toHaveURL(url);
  const approved = page.getByRole("status").filter({ hasText: `Approval queued: “${first.subject}”` });
  await expect(approved).toBeVisible();
  await expect(approved.getByRole("button", { name: /^Undo/ })).toBeVisible();
  await screensAt(page, "undo-notice");
  await page.keyboard.press("z");
  await expect(page).toHaveURL(url);
  await expect(page.getByText(`Undone: “${first.subject}”`)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Approve/ })).toBeEnabled();
  expect((await emulatorEmail(first.id)).status).toBe("pending_send_approval");

  // While a decision can be undone, a reason's number rejects at once: two keys.
  await page.keyboard.press("r");
  await expect(page.getByText("Its number rejects at once (z undoes it).")).toBeVisible();
  await screensAt(page, "reject-form-undo-on");
  await page.getByRole("radio").first().focus();
  await page.keyboard.press("1");
  const rejected = page.getByRole("status").filter({ hasText: `Rejection queued: “${first.subject}”` });
  await expect(rejected).toBeVisible();
  await rejected.getByRole("button", { name: /^Undo/ }).click();
  await expect(page).toHaveURL(url);
  await expect(page.getByText(`Undone: “${first.subject}”`)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Approve/ })).toBeEnabled();
  await page.waitForTimeout(1_000);
  expect((await emulatorEmail(first.id)).status).toBe("pending_send_approval");
});

test("the queue's last email goes back to the queue, whose notice offers the same Undo", async ({ page, browser }) => {
  await setGrace(browser, 30);
  // The newest held email is the last in the queue's order: there is no next one to open.
  const last = await sendHeldEmail();
  const url = await open(page, last.subject);
  await page.keyboard.press("a");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  const queued = page.getByRole("status").filter({ hasText: `Approval queued: “${last.subject}”` });
  await expect(queued.getByRole("button", { name: /^Undo/ })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(last.subject) })).toHaveCount(0);
  await screensAt(page, "queue-decision-notice");
  await page.keyboard.press("z");
  await expect(page).toHaveURL(url);
  await expect(page.getByText(`Undone: “${last.subject}”`)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Approve/ })).toBeEnabled();
  expect((await emulatorEmail(last.id)).status).toBe("pending_send_approval");
});

test("a decision goes to MultiMail when its period is over, and then it cannot be undone", async ({ page, browser }) => {
  await setGrace(browser, 2);
  const sent = await sendHeldEmail();
  await sendHeldEmail();
  const url = await open(page, sent.subject);
  await page.keyboard.press("a");
  await expect(page).not.toHaveURL(url);
  // Waiting out the period: the outbox sends it.
  await expect.poll(async () => (await emulatorEmail(sent.id)).status, { timeout: 20_000 }).not.toBe("pending_send_approval");
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: `Approval queued: “${sent.subject}”` })
      .getByRole("button", { name: /^Undo/ }),
  ).toHaveCount(0);
  await page.keyboard.press("z");
  await page.goto(url);
  await expect(page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  expect((await emulatorEmail(sent.id)).status).not.toBe("pending_send_approval");
});
