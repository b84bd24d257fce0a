// The team inbox in Chromium against the emulator: a customer's reply arriving live in an open
// thread and making the held draft stale; mailboxes and their messages; one timeline per contact.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_MAILBOXES } from "../sandbox/multimail/seed";
import { emulatorEmail, inboundEmail, sendHeldEmail } from "./fixtures/multimail";
import { E2E } from "./support/ports";
import { storageStatePath } from "./support/users";

async function threadOf(emailId: string): Promise<string> {
  let threadId = "";
  await expect.poll(async () => (threadId = String(((await emulatorEmail(emailId)) as unknown as { thread_id?: string }).thread_id ?? ""))).not.toBe("");
  return threadId;
}

/** Waits until Countersign holds the email (the webhook synced it), so the thread links its review. */
async function waitUntilHeld(page: Page, subject: string) {
  await page.goto("/");
  await expect(page.getByRole("link", { name: new RegExp(subject) })).toBeVisible();
}

test("a customer's reply appears live in the open thread and flags the held draft stale", async ({ page }) => {
  const sent = await sendHeldEmail();
  const customer = `caller-${sent.tag}@example.com`;
  await waitUntilHeld(page, sent.subject);
  const threadId = await threadOf(sent.id);

  await page.goto(`/inbox/${DEMO_MAILBOXES.followups}/threads/${threadId}`);
  await expect(page.getByRole("heading", { name: sent.subject })).toBeVisible();
  const messages = page.getByRole("list", { name: "Messages in this thread" });
  await expect(messages.getByRole("listitem")).toHaveCount(1);
  await expect(messages.getByText("Held for review")).toBeVisible();
  await expect(messages.getByRole("link", { name: "Review this draft" })).toBeVisible();
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  // The customer answers; the thread grows without a reload, and the reply stays unread until opened.
  const reply = await inboundEmail({
    from: customer,
    markdown: `Actually **Wednesday** suits me better. <img src="https://tracker.example/${sent.tag}.gif" alt="pixel">`,
    inReplyTo: sent.id,
  });
  await expect(messages.getByRole("listitem")).toHaveCount(2);
  const incoming = messages.getByRole("article", { name: new RegExp(`From ${customer}`) });
  await expect(incoming.getByText("Unread", { exact: true })).toBeVisible();
  expect((await emulatorEmail(reply.id)).status).toBe("unread");
  await incoming.getByRole("button", { name: "Open message" }).click();
  await expect(incoming.getByText("Read", { exact: true })).toBeVisible();
  const body = incoming.frameLocator("iframe");
  await expect(body.getByText("Wednesday")).toBeVisible();
  await expect(body.locator("img[data-remote-src]")).toHaveCount(1);
  await expect(incoming.getByText("1 remote image was blocked")).toBeVisible();
  await expect.poll(async () => (await emulatorEmail(reply.id)).status).toBe("read");

  // The held draft is flagged stale in the queue and on its review page, with the newer message linked.
  await page.goto("/");
  await expect(page.getByRole("link", { name: new RegExp(sent.subject) }).getByText("Stale: the contact replied")).toBeVisible();
  await page.getByRole("link", { name: new RegExp(sent.subject) }).click();
  const stale = page.getByRole("region", { name: /Stale draft/ });
  await expect(stale).toBeVisible();
  await expect(stale.getByRole("link", { name: new RegExp(`${customer} wrote`) })).toHaveAttribute("href", `/inbox/${DEMO_MAILBOXES.followups}/threads/${threadId}`);
  const approve = page.getByRole("button", { name: /^Approve/ });
  await expect(approve).toBeDisabled();
  await stale.getByLabel(/I have seen the newer message/).check();
  await expect(approve).toBeEnabled();
  await approve.click();
  await expect.poll(async () => (await emulatorEmail(sent.id)).status).toBe("approved_and_sent");
});

test("mailboxes show their oversight mode and counts; a mailbox lists its messages with MultiMail's filters", async ({ page }) => {
  const sent = await sendHeldEmail();
  await inboundEmail({ from: `writer-${sent.tag}@example.org`, subject: `Question ${sent.tag}`, markdown: "Do you open on Saturdays?" });
  await page.goto("/inbox");
  const followups = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Acme Dental Follow-ups" }) });
  await expect(followups.getByText("Gated send")).toBeVisible();
  await expect(followups.getByText(/in the queue/)).toBeVisible();
  await followups.getByRole("link", { name: "Acme Dental Follow-ups" }).click();

  await expect(page.getByRole("heading", { name: "Acme Dental Follow-ups" })).toBeVisible();
  const list = page.getByRole("list", { name: "Messages" });
  await expect(list.getByRole("link", { name: new RegExp(`Question ${sent.tag}`) })).toBeVisible();
  await page.getByLabel("Direction").selectOption("outbound");
  await expect(page).toHaveURL(/direction=outbound/);
  await expect(list.getByRole("link", { name: new RegExp(`Question ${sent.tag}`) })).toHaveCount(0);
  await expect(list.getByRole("link", { name: new RegExp(sent.subject) })).toBeVisible();
  await page.getByLabel("Direction").selectOption("");
  await page.getByLabel("Sender").fill(`writer-${sent.tag}`);
  await expect(list.getByRole("link")).toHaveCount(1);
  await expect(list.getByRole("link", { name: new RegExp(`Question ${sent.tag}`) })).toContainText("Unread");
});

test("the contact timeline shows the call and its emails, and links to each", async ({ page }) => {
  const sent = await sendHeldEmail();
  const customer = `caller-${sent.tag}@example.com`;
  await waitUntilHeld(page, sent.subject);
  await inboundEmail({ from: customer, markdown: "Thanks, see you then.", inReplyTo: sent.id });

  await page.goto("/contacts");
  await page.getByLabel("Search by address or name").fill(`Caller ${sent.tag}`);
  await page
    .getByRole("list", { name: "Contacts found" })
    .getByRole("link", { name: new RegExp(customer) })
    .click();
  await expect(page.getByRole("heading", { name: `Caller ${sent.tag}` })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByRole("listitem")).toHaveCount(3);
  // Newest first: their reply, our held follow-up, then the call it came from.
  await expect(timeline.getByRole("listitem").nth(0)).toContainText("Email from them");
  await expect(timeline.getByRole("listitem").nth(1)).toContainText(sent.subject);
  await expect(timeline.getByRole("listitem").nth(1)).toContainText("Held for review");
  await expect(timeline.getByRole("listitem").nth(2)).toContainText(`Call with Caller ${sent.tag}`);

  await timeline.getByRole("listitem").nth(1).getByRole("link", { name: "Review it" }).click();
  await expect(page.getByRole("heading", { name: sent.subject })).toBeVisible();
  await page.goBack();
  await timeline.getByRole("link", { name: `Call with Caller ${sent.tag}` }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/RM_e2e${sent.tag}`));
  await expect(page.getByRole("region", { name: "Emails from this call" }).getByRole("link", { name: sent.subject })).toBeVisible();
});

test("an admin creates an agent key, an agent reads a caller's context with it, and revoking it locks the agent out", async ({ browser }) => {
  const sent = await sendHeldEmail();
  const customer = `caller-${sent.tag}@example.com`;
  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const page = await admin.newPage();
  await waitUntilHeld(page, sent.subject);
  await page.goto("/settings");
  const panel = page.getByRole("region", { name: "Agent API keys" });
  await panel.getByLabel(/Key name/).fill(`Agent ${sent.tag}`);
  await panel.getByRole("button", { name: "Create key" }).click();
  const key = await panel.getByLabel("New agent key").inputValue();
  expect(key).toMatch(/^csk_[A-Za-z0-9_-]{43}$/);

  // The Python example, run as an agent would at the start of a call.
  const python = () =>
    spawnSync("python3", [path.resolve("examples/contact-context/contact_context.py"), customer], {
      encoding: "utf8",
      env: { ...process.env, COUNTERSIGN_URL: E2E.appUrl, COUNTERSIGN_AGENT_KEY: key },
      timeout: 30_000,
    });
  const answer = python();
  expect(answer.stderr).toBe("");
  const context = JSON.parse(answer.stdout);
  expect(context.contact).toEqual({ email: customer, name: `Caller ${sent.tag}` });
  expect(context.open_holds).toEqual([expect.objectContaining({ subject: sent.subject, stale: false })]);
  expect(context.text).toContain(`Returning contact: Caller ${sent.tag} <${customer}>`);

  await page.reload();
  const row = panel.getByRole("listitem").filter({ hasText: `Agent ${sent.tag}` });
  await expect(row).toContainText("last used");
  await row.getByRole("button", { name: `Revoke key Agent ${sent.tag}` }).click();
  await expect(panel.getByRole("listitem").filter({ hasText: `Agent ${sent.tag}` })).toHaveCount(0);
  const refused = python();
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain("Countersign 401");
  expect(refused.stderr).toContain("This agent key was revoked.");
  await admin.close();
});
