// Bulk decisions and SLAs in the queue: select with `x` and Shift+click, approve the selection (an
// email whose recipient needs a confirmation is left out and listed), and an SLA that runs from the
// call's end: Due first ordering, the countdown and the overdue count.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_KEYS, DEMO_MAILBOXES } from "../sandbox/multimail/seed";
import { liveKitEvent, participantInfo, postLiveKitWebhook, roomInfo } from "../sandbox/livekit/webhooks";
import { E2E_LIVEKIT } from "./fixtures/livekit";
import { emulatorEmail, sendHeldEmail } from "./fixtures/multimail";
import { E2E } from "./support/ports";
import { screensAt } from "./support/screens";
import { storageStatePath } from "./support/users";

async function postLiveKit(event: object) {
  const response = await postLiveKitWebhook(`${E2E.appUrl}/api/webhooks/livekit`, event, E2E_LIVEKIT);
  if (!response.ok) throw new Error(`LiveKit webhook refused: ${response.status} ${await response.text()}`);
}

/** A call that LiveKit reports as finished `endedMinutesAgo` minutes ago, with the caller's address. */
async function finishedCall(tag: string, endedMinutesAgo: number) {
  const ended = new Date(Date.now() - endedMinutesAgo * 60_000);
  const started = new Date(ended.getTime() - 5 * 60_000);
  const room = roomInfo({ sid: `RM_sla${tag}`, name: `sla-${tag}`, createdAt: started });
  await postLiveKit(liveKitEvent("room_started", { room }, { at: started }));
  const participant = participantInfo({
    identity: `web-${tag}`,
    name: `Caller ${tag}`,
    metadata: JSON.stringify({ email: `caller-${tag}@example.com` }),
    joinedAt: started,
  });
  await postLiveKit(liveKitEvent("participant_joined", { room, participant }, { at: started }));
  await postLiveKit(liveKitEvent("room_finished", { room }, { at: ended }));
  return room.sid;
}

/** A held email from the support mailbox, naming its call. */
async function sendSupportEmail(subject: string, tag: string, roomSid: string) {
  const response = await fetch(`${E2E.emulatorUrl}/v1/mailboxes/${DEMO_MAILBOXES.support}/send`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
    body: JSON.stringify({
      to: [`caller-${tag}@example.com`],
      subject,
      markdown: `Hi,\n\nThanks for calling support.\n\nRef ${tag}`,
      metadata: { session_id: roomSid, caller_email: `caller-${tag}@example.com` },
    }),
  });
  if (!response.ok) throw new Error(`send refused: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** The support mailbox's row in Settings, whether MultiMail's listing has labelled it yet or not. */
const supportMailbox = new RegExp(`Acme Dental Support|support@acme-dental|${DEMO_MAILBOXES.support}`);

const rowCheckbox = (page: Page, subject: string) => page.getByRole("checkbox", { name: `Select “${subject}”` });

test("select with x and Shift+click, bulk approve: the email whose recipient needs a confirmation is left out and listed", async ({ page }) => {
  const batch = `bulk-${randomUUID().slice(0, 6)}`;
  const first = await sendHeldEmail({ subject: `${batch} one` });
  // No call behind it: the recipient cannot be checked, so approval needs a confirmation on its page.
  const gated = await sendHeldEmail({ subject: `${batch} two`, metadata: { session_id: `RM_none${batch}` } });
  const third = await sendHeldEmail({ subject: `${batch} three` });
  const fourth = await sendHeldEmail({ subject: `${batch} four` });

  await page.goto(`/?q=${batch}`);
  for (const sent of [first, gated, third, fourth]) await expect(page.getByRole("link", { name: new RegExp(sent.subject) })).toBeVisible();
  const rows = page.getByRole("list", { name: "Held emails" }).getByRole("listitem");
  await expect(rows).toHaveCount(4);

  // `x` selects the focused row (the first); Shift+click on the third selects the range; a click adds the fourth.
  await page.getByRole("heading", { name: "Review queue" }).click();
  await page.keyboard.press("x");
  await expect(rowCheckbox(page, first.subject)).toBeChecked();
  await rowCheckbox(page, third.subject).click({ modifiers: ["Shift"] });
  await expect(rowCheckbox(page, gated.subject)).toBeChecked();
  await expect(rowCheckbox(page, third.subject)).toBeChecked();
  await expect(rowCheckbox(page, fourth.subject)).not.toBeChecked();
  await rowCheckbox(page, fourth.subject).click();
  const bar = page.getByRole("region", { name: "Bulk decision" });
  await expect(bar.getByText("4 emails selected")).toBeVisible();
  // `x` again clears the focused row, and selects it back.
  await page.keyboard.press("x");
  await expect(bar.getByText("3 emails selected")).toBeVisible();
  await page.keyboard.press("x");
  await expect(bar.getByText("4 emails selected")).toBeVisible();
  await screensAt(page, "queue-bulk-selected");

  await bar.getByRole("button", { name: "Approve…" }).click();
  await bar.getByRole("button", { name: "Yes, approve 4" }).click();
  const result = page.getByRole("status", { name: "Bulk decision result" });
  await expect(result.getByText("Approved 3 of 4. 1 left out:")).toBeVisible();
  const leftOut = result.getByRole("list", { name: "Left out" }).getByRole("listitem");
  await expect(leftOut).toHaveCount(1);
  await expect(leftOut.getByRole("link", { name: gated.subject })).toBeVisible();
  await expect(leftOut.getByText("Recipient to confirm")).toBeVisible();
  await expect(leftOut.getByText(/Confirm the recipient before approving/)).toBeVisible();
  await screensAt(page, "queue-bulk-result");

  // The held queue keeps only the left-out email; MultiMail gets the three approvals (after the undo period).
  await expect(rows).toHaveCount(1);
  for (const sent of [first, third, fourth]) await expect.poll(async () => (await emulatorEmail(sent.id)).status, { timeout: 40_000 }).toBe("approved_and_sent");
  expect((await emulatorEmail(gated.id)).status).toBe("pending_send_approval");
});

test.describe("SLAs", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("an SLA runs from the call's end: Due first orders by it, the queue counts down and counts the overdue", async ({ page }) => {
    const batch = `sla-${randomUUID().slice(0, 6)}`;
    // Held first, but its call ended a minute ago; held second, its call ended 90 minutes ago.
    const recentTag = randomUUID().slice(0, 8);
    const recent = `${batch} recent call`;
    await sendSupportEmail(recent, recentTag, await finishedCall(recentTag, 1));
    const oldTag = randomUUID().slice(0, 8);
    const old = `${batch} old call`;
    await sendSupportEmail(old, oldTag, await finishedCall(oldTag, 90));

    await page.goto(`/?q=${batch}`);
    const links = page.getByRole("list", { name: "Held emails" }).getByRole("link");
    await expect(links).toHaveCount(2);

    // An admin sets 30 minutes on the support mailbox in Settings.
    await page.goto("/settings");
    const panel = page.getByRole("region", { name: "Decision SLAs" });
    const input = panel.getByLabel(supportMailbox);
    await input.fill("30");
    await input.press("Enter");
    await expect(panel.getByText(/Saved: 30 min/)).toBeVisible();
    await screensAt(page, "settings-sla");
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await panel.screenshot({ path: test.info().outputPath(`settings-sla-panel-${width}.png`) });
    }

    try {
      await page.goto(`/?q=${batch}`);
      await expect(links).toHaveCount(2);
      // Held longest first by default; Due first puts the call that ended long ago on top.
      await expect(links.nth(0)).toContainText(recent);
      await page.getByLabel("Order").selectOption("due");
      await expect(page).toHaveURL(/sort=due/);
      await expect(links.nth(0)).toContainText(old);
      await expect(links.nth(1)).toContainText(recent);
      // The countdown, in words: overdue for the old call (60 min past), time left for the recent one.
      await expect(links.nth(0)).toContainText(/overdue (59 min|1 h)/);
      await expect(links.nth(1)).toContainText(/(2[89]|30) min left/);
      // The overdue count in the queue's header.
      await expect(page.getByTestId("overdue-count")).toContainText(/\d+ overdue/);
      await screensAt(page, "queue-sla-due-first");
    } finally {
      // Leave the deployment as it was: no SLA on the support mailbox.
      await page.goto("/settings");
      await page.getByRole("region", { name: "Decision SLAs" }).getByLabel(supportMailbox).fill("");
      await page.getByRole("region", { name: "Decision SLAs" }).getByLabel(supportMailbox).press("Enter");
      await expect(page.getByRole("region", { name: "Decision SLAs" }).getByText("SLA removed")).toBeVisible();
    }
  });
});
