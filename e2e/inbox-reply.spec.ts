// Replying from Countersign: the reply is held by MultiMail like any agent email, comes back to the
// queue as written by its author, and with four-eyes on only a second reviewer can approve it. Runs
// in the serial project because the four-eyes switch is deployment-wide.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_MAILBOXES } from "../sandbox/multimail/seed";
import { emulatorEmail, emulatorEmails, inboundEmail, sendHeldEmail } from "./fixtures/multimail";
import { storageStatePath } from "./support/users";

/** A reply has no call to check its recipient against: confirm it when the evidence checks ask. */
async function confirmRecipientIfAsked(page: Page) {
  await expect(page.getByRole("region", { name: "Evidence checks" }).getByText(/\d+ problems? · \d+ supported/)).toBeVisible();
  const confirm = page.getByLabel(/I have checked the recipient/);
  if (await confirm.isVisible()) await confirm.check();
}

async function setFourEyes(page: Page, on: boolean) {
  await page.goto("/settings");
  const toggle = page.getByRole("checkbox", { name: /Four-eyes/ });
  if (on) await toggle.check();
  else await toggle.uncheck();
  await expect(toggle).toBeChecked({ checked: on });
}

test("a reply written in Countersign is held, its author cannot approve it, and a second reviewer can", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const ap = await admin.newPage();
  await setFourEyes(ap, true);
  try {
    const sent = await sendHeldEmail();
    const customer = `caller-${sent.tag}@example.com`;
    const question = await inboundEmail({ from: customer, markdown: `Is parking available? (${sent.tag})`, inReplyTo: sent.id });

    const rita = await browser.newContext({ storageState: storageStatePath("reviewer") });
    const rp = await rita.newPage();
    await rp.goto(`/inbox/${DEMO_MAILBOXES.followups}/threads/${question.thread_id}`);
    const messages = rp.getByRole("list", { name: "Messages in this thread" });
    await expect(messages.getByRole("listitem")).toHaveCount(2);
    const answer = `Yes, there is free parking behind the clinic. (${sent.tag})`;
    await expect(rp.getByRole("region", { name: "Reply" })).toContainText(`To ${customer}`);
    await rp.getByLabel("Your reply (markdown)").fill(answer);
    await rp.getByRole("button", { name: "Send reply for review" }).click();
    await expect(rp.getByRole("status")).toContainText("Reply sent to MultiMail");

    // Held by MultiMail, it appears in the thread in place, marked as Rita's.
    await expect(messages.getByRole("listitem")).toHaveCount(3);
    const held = messages.getByRole("listitem").nth(2);
    await expect(held.getByText("Held for review")).toBeVisible();
    await expect(held.getByText("Written by Rita Reviewer in Countersign")).toBeVisible();
    const replyEmail = (await emulatorEmails()).find((e) => e.markdown === answer)!;
    expect(replyEmail.to).toEqual([customer]);
    expect(replyEmail.status).toBe("pending_send_approval");

    // In the queue it is Rita's words: four-eyes keeps her from approving it.
    await rp.goto("/");
    const row = rp.getByRole("link", { name: /Written by Rita Reviewer/ }).filter({ hasText: `Re: ${sent.subject}` });
    await expect(row).toBeVisible();
    await row.click();
    await expect(rp.getByText("Written by Rita Reviewer").first()).toBeVisible();
    await confirmRecipientIfAsked(rp);
    await rp.getByRole("button", { name: /^Approve/ }).click();
    await expect(rp.getByText("You wrote or edited this email. Four-eyes is on")).toBeVisible();
    const reviewUrl = rp.url();
    // Leaving releases her claim: wait for it, or closing the browser could cut the request short.
    const released = rp.waitForResponse((r) => r.request().method() === "DELETE" && r.url().endsWith("/claim"));
    await rp.getByRole("link", { name: "← Queue" }).click();
    await released;
    await rita.close();

    const sam = await browser.newContext({ storageState: storageStatePath("second") });
    const sp = await sam.newPage();
    await sp.goto(reviewUrl);
    const take = sp.getByRole("button", { name: "Take over" });
    if (await take.isVisible()) await take.click();
    await confirmRecipientIfAsked(sp);
    await sp.getByRole("button", { name: /^Approve/ }).click();
    await expect.poll(async () => (await emulatorEmail(replyEmail.id)).status).toBe("approved_and_sent");

    // Back in the thread, delivery news arrives live.
    await sp.goto(`/inbox/${DEMO_MAILBOXES.followups}/threads/${question.thread_id}`);
    const sent3 = sp.getByRole("list", { name: "Messages in this thread" }).getByRole("listitem").nth(2);
    await expect(sent3.getByText("Approved and sent")).toBeVisible();
    await expect(sent3.getByText("Delivered", { exact: true })).toBeVisible();
    await sam.close();
  } finally {
    await setFourEyes(ap, false);
    await admin.close();
  }
});
