// Insights over a history made through the real loop: held emails from one agent's calls to the
// Support mailbox (no other journey uses it), decided in the review page, then read on /insights.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_KEYS, DEMO_MAILBOXES } from "../sandbox/multimail/seed";
import { emulatorEmail, emulatorEmails } from "./fixtures/multimail";
import { callerSession } from "./fixtures/livekit";
import { E2E } from "./support/ports";
import { screensAt } from "./support/screens";
import { storageStatePath } from "./support/users";

const tag = randomUUID().slice(0, 8);
const room = { sid: `RM_ins${tag}`, name: `insights-agent-${tag}` };
const caller = { email: `insights-${tag}@example.com`, name: `Insights Caller ${tag}` };

async function sendToSupport(index: number) {
  const n = String(index).padStart(2, "0");
  const response = await fetch(`${E2E.emulatorUrl}/v1/mailboxes/${DEMO_MAILBOXES.support}/send`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
    body: JSON.stringify({
      to: [caller.email],
      subject: `Insights follow-up ${tag} #${n}`,
      markdown: `Hi,\n\nThanks for calling. Your appointment is **Tuesday at 3 PM**.\n\nRef ${tag}-${n}`,
      metadata: { session_id: room.sid, room_name: room.name, caller_email: caller.email, caller_name: caller.name },
    }),
  });
  expect(response.ok).toBe(true);
  const body = (await response.json()) as { id: string };
  return { id: body.id, subject: `Insights follow-up ${tag} #${n}` };
}

async function open(page: Page, subject: string) {
  await page.goto("/?state=pending");
  await page.getByRole("link", { name: new RegExp(subject) }).click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
}

test("the page shows the period's numbers for an agent and the mailbox's trust-ladder suggestion", async ({ page }) => {
  test.setTimeout(180_000);
  await callerSession(room, caller);
  const sent = [];
  for (let n = 1; n <= 10; n++) sent.push(await sendToSupport(n));

  // 6 approved, 1 edited (two words changed), 3 rejected as "Wrong date, time or amount".
  for (const email of sent.slice(0, 6)) {
    await open(page, email.subject);
    await page.getByRole("button", { name: /^Approve/ }).click();
    await expect.poll(async () => (await emulatorEmail(email.id)).status).toBe("approved_and_sent");
  }
  const edited = sent[6]!;
  await open(page, edited.subject);
  await page.getByRole("button", { name: /^Edit/ }).click();
  await page.getByLabel("Body (markdown)").fill(`Hi,\n\nThanks for calling. Your appointment is **Wednesday at 4 PM**.\n\nRef ${tag}-07`);
  await page.getByRole("button", { name: "Save edit and approve" }).click();
  await expect.poll(async () => (await emulatorEmail(edited.id)).status).toBe("rejected");
  await expect
    .poll(async () => (await emulatorEmails()).find((e) => e.markdown.includes(`Ref ${tag}-07`) && e.id !== edited.id)?.status, { timeout: 20_000 })
    .toBe("approved_and_sent");
  for (const email of sent.slice(7)) {
    await open(page, email.subject);
    await page.getByRole("button", { name: /^Reject/ }).click();
    await page.getByLabel("Wrong date, time or amount").check();
    await page.getByRole("button", { name: "Reject email" }).click();
    await expect.poll(async () => (await emulatorEmail(email.id)).status).toBe("rejected");
  }

  // The agent's own numbers, reached from the page's per-agent table.
  await page.goto("/insights?days=7");
  await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
  await page.getByRole("region", { name: "By agent", exact: true }).getByRole("link", { name: room.name }).click();
  await expect(page).toHaveURL(new RegExp(`agent=${room.name}`));
  const tile = (label: string) =>
    page
      .getByRole("term")
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator("..");
  await expect(tile("Held")).toContainText("10");
  await expect(tile("Decided")).toContainText("10");
  await expect(tile("Approved")).toContainText("60%");
  await expect(tile("Edited")).toContainText("10%");
  await expect(tile("Rejected")).toContainText("30%");
  await expect(tile("Median edit size")).toContainText("2 words");
  await expect(tile("Findings per draft")).toContainText("0 approved despite findings");
  const reasons = page.getByRole("region", { name: "Top rejection reasons", exact: true });
  await expect(reasons.getByRole("listitem")).toHaveCount(1);
  await expect(reasons).toContainText("Wrong date, time or amount");
  await expect(reasons).toContainText("3 (100% of rejections)");
  await expect(reasons).not.toContainText("rejected by");
  // The chart has its numbers in text too.
  await expect(page.getByText(/^10 decisions over 7 days/)).toBeVisible();

  // The Support mailbox's suggestion, with the numbers it rests on.
  const ladder = page.getByRole("region", { name: "Trust ladder", exact: true });
  const support = ladder.getByRole("listitem").filter({ hasText: "support@acme-dental.example" });
  await expect(support).toContainText("Stay on gated_send: 40% of recent decisions were edits or rejections.");
  await expect(support).toContainText("6 of the last 10 approved unedited; 1 edited; 3 rejected; 0 findings ignored");

  await screensAt(page, "insights");
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageStatePath("viewer") });
  test("a viewer may read Insights, and a period it does not offer falls back to 30 days", async ({ page }) => {
    await page.goto("/insights?days=12");
    await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "page");
    // The period is a link like any other: reachable and followed from the keyboard.
    await page.getByRole("link", { name: "90 days" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/days=90/);
    await expect(page.getByRole("link", { name: "90 days" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("region", { name: "Trust ladder", exact: true })).toBeVisible();
  });
});
