// A reviewer and the voice session behind an email: findings in the queue, the checks shown first,
// a finding followed to its transcript turn, the recipient gate, and the session page.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import type { CallScript } from "../sandbox/agent/scenarios";
import { playE2ECall } from "./fixtures/livekit";
import { emulatorEmail, sendHeldEmail } from "./fixtures/multimail";

/** A confirmation number unique to the call (digits after the dash, as the engine reads codes). */
const confirmation = (tag: string) => `AD-${(parseInt(tag.slice(0, 4), 16) % 9000) + 1000}77`;

/** A booking call; the agent's email gets the time wrong (4:30, never said) and mistypes the caller's address. */
function bookingCall(tag: string): CallScript {
  return {
    key: tag,
    mailbox: "followups",
    roomName: `call-${tag}`,
    agentName: "frontdesk",
    caller: { identity: `sip_${tag}`, name: `Maria ${tag}`, kind: "SIP", phone: "+14155550142", metadata: { email: `maria.${tag}@example.com` } },
    order: "email-first",
    recording: true,
    turns: [
      { id: `item_${tag}_1`, at: 1, who: "agent", text: "Acme Dental, how can I help?" },
      { id: `item_${tag}_2`, at: 5, who: "caller", text: "I need a cleaning on Tuesday, at 3:30 if possible." },
      { id: `item_${tag}_3`, at: 8, tool: "book_appointment", args: { day: "Tuesday", time: "15:30" }, output: { confirmation: confirmation(tag) } },
      { id: `item_${tag}_4`, at: 10, who: "agent", text: `Booked for Tuesday at 3:30 PM. Your confirmation is ${confirmation(tag)}.`, interrupted: true },
      { id: `item_${tag}_5`, at: 14, who: "caller", text: "Thanks, email me please." },
    ],
    email: {
      to: [`maria.${tag}@exmaple.com`],
      subject: `Your cleaning ${tag}`,
      markdown: `Hi Maria,\n\nYour cleaning is booked for **Tuesday at 4:30 PM**. Confirmation **${confirmation(tag)}**.\n`,
      agentNote: "Caller's address from the patient file.",
      confidence: 0.7,
      evidence: [`item_${tag}_2`, `item_${tag}_3`],
    },
  };
}

async function playBookingCall() {
  const tag = randomUUID().replace(/-/g, "").slice(0, 8);
  const script = bookingCall(tag);
  const played = await playE2ECall(
    script,
    async (s, metadata) => (await sendHeldEmail({ subject: s.email.subject, to: s.email.to, markdown: s.email.markdown, metadata })).id,
  );
  return { tag, script, ...played };
}

/** Opens the email from the queue; the review page's evidence summary leads with the queue's words. */
async function openFromQueue(page: Page, subject: string) {
  await page.goto("/?findings=with");
  const row = page.getByRole("link", { name: new RegExp(subject) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(/\d+ problems?/);
  await expect(row).toContainText("Transcript");
  const problems = /\d+ problems?/.exec(await row.innerText())?.[0] ?? "";
  await row.click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await expect(page.getByRole("region", { name: "Evidence checks" }).getByText(new RegExp(`^${problems} · \\d+ supported`))).toBeVisible();
}

test("an email with findings: checks first, a finding followed to its turn, the wrong recipient confirmed before approval", async ({ page }) => {
  const call = await playBookingCall();
  await openFromQueue(page, call.script.email.subject);

  const checks = page.getByRole("region", { name: "Evidence checks" });
  await expect(checks.getByText("Caller's address from the patient file.", { exact: false })).toBeVisible();
  const recipient = checks.locator('[data-finding^="recipient"]');
  await expect(recipient).toContainText(call.script.email.to[0]!);
  await expect(recipient).toContainText("Mismatch");
  const time = checks.locator('[data-status="unsupported"]', { hasText: "4:30 PM" });
  await expect(time).toContainText("Not said on the call");

  // Approval waits for an explicit confirmation of the recipient.
  const approve = page.getByRole("button", { name: /^Approve/ });
  await expect(approve).toBeDisabled();
  await page.keyboard.press("a");
  expect((await emulatorEmail(call.emailId)).status).toBe("pending_send_approval");

  // A supported finding leads to the turn that says it, highlighted and focused.
  const reference = confirmation(call.tag);
  await checks
    .getByRole("link", { name: new RegExp(`Show where “${reference}” was said`) })
    .first()
    .click();
  const turn = page.locator(`[data-turn-ids~="item_${call.tag}_3"]`);
  await expect(turn).toBeInViewport();
  await expect(turn).toBeFocused();
  expect(await turn.evaluate((el) => el.matches(":target"))).toBe(true);
  await expect(turn.getByText("Output")).toBeVisible(); // the folded tool call opened
  await expect(page.getByRole("region", { name: "Voice session" }).getByText("cut off by the caller")).toBeVisible();

  await checks.getByLabel(/I have checked the recipient/).check();
  await expect(approve).toBeEnabled();
  await approve.click();
  await expect.poll(async () => (await emulatorEmail(call.emailId)).status).toBe("approved_and_sent");
});

// The recipient gate runs in the lifecycle (lib/review/gates.ts), which records who overrode it.
test("approving over a recipient mismatch is recorded in the email's history", async ({ page }) => {
  const call = await playBookingCall();
  await openFromQueue(page, call.script.email.subject);
  const reviewUrl = page.url();
  await page
    .getByRole("region", { name: "Evidence checks" })
    .getByLabel(/I have checked the recipient/)
    .check();
  await page.getByRole("button", { name: /^Approve/ }).click();
  await expect.poll(async () => (await emulatorEmail(call.emailId)).status).toBe("approved_and_sent");
  await page.goto(reviewUrl);
  await expect(page.getByRole("region", { name: "History" }).getByText(/Recipient confirmed by the reviewer despite the check/)).toBeVisible();
});

test("the session page shows the call: timeline, participants, recording, LiveKit Cloud link and its emails", async ({ page }) => {
  const call = await playBookingCall();
  await page.goto(`/sessions/${call.roomSid}`);
  await expect(page.getByRole("heading", { name: `Call with Maria ${call.tag}` })).toBeVisible();
  await expect(page.getByText("Transcript ready")).toBeVisible();
  const transcript = page.getByRole("list", { name: "Transcript" });
  await expect(transcript.getByRole("listitem")).toHaveCount(5); // 4 messages and one folded tool call
  await expect(transcript.getByText("00:05")).toBeVisible();
  await expect(transcript.getByText("Tool call book_appointment")).toBeVisible();

  const participants = page.getByRole("region", { name: "Participants" });
  await expect(participants.getByText("Caller", { exact: true })).toBeVisible();
  await expect(participants.getByText("+14155550142").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /Recording: call-/ })).toHaveAttribute("href", new RegExp(`https://recordings\\.example\\.com/${call.roomSid}\\.ogg`));
  await expect(page.getByRole("link", { name: "Open in LiveKit Cloud" })).toHaveAttribute("href", `https://cloud.livekit.io/projects/p_e2etest/sessions/${call.roomSid}`);

  const emails = page.getByRole("region", { name: "Emails from this call" });
  await expect(emails.getByText(/\d+ problems?/)).toBeVisible();
  await emails.getByRole("link", { name: call.script.email.subject }).click();
  await expect(page.getByRole("heading", { name: call.script.email.subject })).toBeVisible();
});

test("an email whose transcript has not arrived says so, and links up when it does", async ({ page, request }) => {
  const tag = randomUUID().replace(/-/g, "").slice(0, 8);
  const script = { ...bookingCall(tag), order: "transcript-first" as const };
  // The email arrives first, naming the room only by name; the call is reported afterwards.
  const sent = await sendHeldEmail({
    subject: `Pending ${tag}`,
    to: [`maria.${tag}@example.com`],
    markdown: "Your cleaning is on **Tuesday at 3:30 PM**.",
    metadata: { session_id: script.roomName, job_id: "AJ_none" },
  });
  await page.goto("/?findings=with");
  await page.getByRole("link", { name: new RegExp(`Pending ${tag}`) }).click();
  await expect(page.getByText("Transcript pending").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Evidence checks" })).toContainText("The transcript has not arrived yet");

  await playE2ECall(script, async () => sent.id);
  // Live update: the open page picks up the session and the transcript without a reload.
  await expect(page.getByText("Transcript ready").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Evidence checks" }).locator('[data-finding^="recipient"]')).toContainText("Said on the call");
  const evidence = await (await request.get(`/api/items/${page.url().split("/").pop()}/evidence`)).json();
  expect(evidence.session.roomName).toBe(script.roomName);
});
