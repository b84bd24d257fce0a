// The team inbox against the real MultiMail emulator over HTTP, on PGlite and PostgreSQL: inbound
// replies stored without being marked read, stale holds, threads, opening a message, replies held
// as their author's, delivery news, and one timeline per contact.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { auditLog, decisions, emails, reviewItems, settings, voiceParticipants, voiceSessions } from "@/lib/db/schema";
import { createMultiMailClient, type MultiMailClient } from "@/lib/multimail/client";
import { signWebhookBody } from "@/lib/multimail/signature";
import { CHANNEL } from "@/lib/realtime/events";
import { decideEmail } from "@/lib/review/decide-email";
import { editAndApprove } from "@/lib/review/edit-email";
import { transition } from "@/lib/review/lifecycle";
import { deliverDecision } from "@/lib/review/deliver-decision";
import { ingestMultiMailWebhook, processMultiMailDelivery } from "@/lib/review/ingest-multimail-webhook";
import { reconcile } from "@/lib/review/reconcile";
import { runOutbox } from "@/lib/review/run-outbox";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { findStaleHolds } from "./find-stale-holds";
import { getContactTimeline } from "./get-contact-timeline";
import { getThreadView } from "./get-thread";
import { listMailboxEmails } from "./list-mailbox-emails";
import { listInboxMailboxes } from "./list-mailboxes";
import { openMessage } from "./open-message";
import { inboxAnnotations } from "./queue-annotations";
import { replyInThread } from "./reply-in-thread";
import { searchContacts } from "./search-contacts";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const MARIA = "maria.inbox@example.com";
const FOLLOWUPS = "followups@acme-dental.example";

async function control(emulator: Emulator, path: string, body?: unknown) {
  const response = await fetch(
    `${emulator.url}${path}`,
    body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  );
  return (await response.json()) as Record<string, unknown>;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(dbKinds())("team inbox on %s", (kind) => {
  let handle: DbHandle;
  let emulator: Emulator;
  let oversight: MultiMailClient;
  let send: MultiMailClient;
  let heldId: string;
  let threadId: string;
  let inboundId: string;
  const events: Record<string, unknown>[] = [];
  let unlisten: (() => Promise<void>) | undefined;

  async function deliverWebhook(event: string, data: Record<string, unknown>) {
    const rawBody = JSON.stringify({ event, timestamp: new Date().toISOString(), data });
    const ingested = await ingestMultiMailWebhook(handle.db, {
      rawBody,
      signature: signWebhookBody(rawBody, DEMO_KEYS.webhookSecret),
      secret: DEMO_KEYS.webhookSecret,
      stripPrefix: false,
    });
    if (ingested.status !== "accepted") throw new Error(`webhook not accepted: ${ingested.status}`);
    return processMultiMailDelivery(handle.db, oversight, {
      deliveryId: ingested.deliveryId,
      emailId: String(data.email_id),
      mailboxId: ingested.mailboxId,
      threadId: ingested.threadId,
      kind: ingested.kind,
    });
  }

  beforeAll(async () => {
    [handle, emulator] = await Promise.all([openTestDb(kind), startEmulator({ ...demoEmulatorOptions({ scanDelayMs: 10 }), deliveryDelayMs: 10 })]);
    oversight = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, retryBaseMs: 5, maxRetries: 1, timeoutMs: 2_000 });
    send = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.send, retryBaseMs: 5, maxRetries: 1, timeoutMs: 2_000 });
    unlisten = await handle.listen(CHANNEL, (payload) => events.push(JSON.parse(payload) as Record<string, unknown>));
    // Maria called an hour ago; LiveKit reported her address in participant metadata.
    const started = new Date(Date.now() - 3_600_000);
    await handle.db
      .insert(voiceSessions)
      .values({ roomSid: "RM_inboxcall1", roomName: "call-maria", startedAt: started, endedAt: new Date(started.getTime() + 120_000) });
    await handle.db.insert(voiceParticipants).values({
      roomSid: "RM_inboxcall1",
      identity: "sip_maria",
      name: "Maria Gonzalez",
      kind: "SIP",
      metadata: JSON.stringify({ email: MARIA }),
      contactEmail: MARIA,
      joinedAt: started,
    });

    const sent = await send.send(DEMO_MAILBOXES.followups, {
      to: [MARIA],
      subject: "Your cleaning on Tuesday",
      markdown: "See you **Tuesday at 3:30 PM**.",
      metadata: { session_id: "RM_inboxcall1", caller_email: MARIA, caller_name: "Maria Gonzalez" },
    });
    heldId = sent.id;
    threadId = sent.threadId!;
    await waitFor(async () => (await control(emulator, `/__emulator/emails/${heldId}`)).status === "pending_send_approval");
    await reconcile(handle.db, oversight);
  });
  afterAll(async () => {
    await unlisten?.();
    await Promise.all([handle?.close(), emulator?.close()]);
  });

  it("stores a customer's reply from its summary without marking it read, and flags the held draft stale", async () => {
    const [item] = await handle.db.select().from(reviewItems).where(eq(reviewItems.rootEmailId, heldId));
    expect((await findStaleHolds(handle.db, [item!])).size).toBe(0);

    const inbound = await control(emulator, "/__emulator/inbound", {
      to: FOLLOWUPS,
      from: `Maria Gonzalez <${MARIA}>`,
      markdown: "Could we make it **Wednesday** instead?",
      in_reply_to: heldId,
    });
    inboundId = String(inbound.id);
    const outcome = await deliverWebhook("message.received", { email_id: inboundId, mailbox_id: DEMO_MAILBOXES.followups, thread_id: threadId });
    expect(outcome).toMatchObject({ kind: "inbound", emailId: inboundId, threadId, created: true });

    // Nobody has read it: MultiMail still says unread, and no body was fetched.
    expect((await control(emulator, `/__emulator/emails/${inboundId}`)).status).toBe("unread");
    const [stored] = await handle.db.select().from(emails).where(eq(emails.id, inboundId));
    expect(stored).toMatchObject({ direction: "inbound", status: "unread", markdown: "", threadId, fromAddress: MARIA });
    await waitFor(async () => events.some((e) => e.type === "inbox.updated" && e.mailboxId === DEMO_MAILBOXES.followups && e.threadId === threadId));

    const stale = (await findStaleHolds(handle.db, [item!])).get(item!.id);
    expect(stale?.newer).toEqual([expect.objectContaining({ kind: "reply", emailId: inboundId, from: MARIA, threadId })]);
    const annotated = (await inboxAnnotations(handle.db, [item!])).get(item!.id);
    expect(annotated?.stale?.newer[0]).toMatchObject({ kind: "reply" });

    // Approve and Save-edit-and-approve are refused alike without the acknowledgement, and leave nothing behind.
    const refused = { code: "validation", details: { needsStaleAcknowledgement: true } };
    await expect(decideEmail(handle.db, { itemId: item!.id, action: "approve", actor: "rita@example.com" })).rejects.toMatchObject(refused);
    await expect(
      editAndApprove(handle.db, { itemId: item!.id, subject: "Edited", markdown: "Edited body", to: [MARIA], cc: [], actor: "rita@example.com" }),
    ).rejects.toMatchObject(refused);
    const trail = async (db = handle.db) => (await db.select().from(auditLog).where(eq(auditLog.itemId, item!.id))).map((a) => a.action);
    expect(await trail()).not.toContain("stale.acknowledged");
    expect(await handle.db.select().from(decisions).where(eq(decisions.itemId, item!.id))).toEqual([]);

    // Acknowledged, the approval goes through with the acknowledgement audited in its transaction
    // (rolled back here: the tests below still review this draft).
    const rollback = new Error("rollback");
    await expect(
      handle.db.transaction(async (tx) => {
        await transition(tx, item!.id, { type: "approve", by: { label: "rita@example.com" }, reason: "ok", answers: { acknowledgeStale: true, confirmRecipient: true } });
        expect(await trail(tx)).toEqual(expect.arrayContaining(["stale.acknowledged", "decision.recorded"]));
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await trail()).not.toContain("stale.acknowledged");
  });

  it("a call from the same contact after the draft also makes it stale", async () => {
    const [item] = await handle.db.select().from(reviewItems).where(eq(reviewItems.rootEmailId, heldId));
    const later = new Date();
    await handle.db.insert(voiceSessions).values({ roomSid: "RM_inboxcall2", roomName: "call-maria-2", startedAt: later });
    await handle.db.insert(voiceParticipants).values({
      roomSid: "RM_inboxcall2",
      identity: "web-maria",
      name: "Maria G.",
      kind: "STANDARD",
      attributes: { "caller.email": MARIA },
      contactEmail: MARIA,
      joinedAt: later,
    });
    const stale = (await findStaleHolds(handle.db, [item!])).get(item!.id);
    expect(stale?.newer.map((n) => n.kind)).toEqual(["call", "reply"]);
    expect(stale?.newer[0]).toMatchObject({ kind: "call", roomSid: "RM_inboxcall2" });
  });

  it("shows the thread in order with the held draft in place; opening the unread reply marks it read", async () => {
    const thread = await getThreadView(handle.db, oversight, DEMO_MAILBOXES.followups, threadId);
    expect(thread.messages.map((m) => [m.id, m.direction, m.status])).toEqual([
      [heldId, "outbound", "pending_send_approval"],
      [inboundId, "inbound", "unread"],
    ]);
    expect(thread.messages[0]?.review).toMatchObject({ state: "pending" });
    expect(thread.messages[0]?.body?.html).toContain("<strong>Tuesday at 3:30 PM</strong>");
    expect(thread.messages[1]?.body).toBeNull();
    expect(thread.replyTo).toBe(inboundId);
    expect(thread.contacts).toEqual([MARIA]);
    expect((await control(emulator, `/__emulator/emails/${inboundId}`)).status).toBe("unread");

    const opened = await openMessage(handle.db, oversight, DEMO_MAILBOXES.followups, inboundId);
    expect(opened.status).toBe("read");
    expect(opened.body?.html).toContain("<strong>Wednesday</strong>");
    expect((await control(emulator, `/__emulator/emails/${inboundId}`)).status).toBe("read");
    const again = await getThreadView(handle.db, oversight, DEMO_MAILBOXES.followups, threadId);
    expect(again.messages[1]).toMatchObject({ status: "read", body: expect.objectContaining({ markdown: "Could we make it **Wednesday** instead?" }) });
  });

  it("renders an inbound email inert: scripts dropped, remote images blocked until asked for", async () => {
    const hostile = await control(emulator, "/__emulator/inbound", {
      to: FOLLOWUPS,
      from: MARIA,
      subject: "Photos",
      markdown: 'Look <script>alert(1)</script><img src="https://tracker.example/p.gif" alt="pixel"> <a href="javascript:alert(1)">here</a>',
    });
    const message = await openMessage(handle.db, oversight, DEMO_MAILBOXES.followups, String(hostile.id));
    expect(message.body?.html).not.toMatch(/<script|javascript:|\ssrc="https:\/\/tracker/);
    expect(message.body?.blockedRemoteContent).toBe(1);
    const remote = await openMessage(handle.db, oversight, DEMO_MAILBOXES.followups, String(hostile.id), { allowRemote: true });
    expect(remote.body?.html).toContain('src="https://tracker.example/p.gif"');
  });

  it("holds a reply written in Countersign as its author's; with four-eyes on only someone else may approve it", async () => {
    await handle.db
      .insert(settings)
      .values({ key: "four_eyes", value: "on" })
      .onConflictDoUpdate({ target: settings.key, set: { value: "on" } });
    const reply = await replyInThread(handle.db, send, {
      mailboxId: DEMO_MAILBOXES.followups,
      emailId: inboundId,
      markdown: "Wednesday at 3:30 PM works. See you then!",
      author: { id: "user-rita", name: "Rita Reviewer", label: "Rita Reviewer <rita@example.com>" },
    });
    expect(reply.threadId).toBe(threadId);
    await waitFor(async () => (await control(emulator, `/__emulator/emails/${reply.emailId}`)).status === "pending_send_approval");
    expect((await control(emulator, `/__emulator/emails/${reply.emailId}`)).to).toEqual([MARIA]);
    await reconcile(handle.db, oversight);
    const [item] = await handle.db.select().from(reviewItems).where(eq(reviewItems.rootEmailId, reply.emailId));
    expect(item).toMatchObject({ state: "pending", authoredBy: "user-rita" });
    expect((await inboxAnnotations(handle.db, [item!])).get(item!.id)).toMatchObject({ writtenBy: { id: "user-rita", name: "Rita Reviewer" }, stale: null });

    await expect(decideEmail(handle.db, { itemId: item!.id, action: "approve", actor: "Rita", actorId: "user-rita" })).rejects.toMatchObject({ code: "forbidden" });
    const { decisionId } = await decideEmail(handle.db, { itemId: item!.id, action: "approve", actor: "Sam", actorId: "user-sam" });
    await deliverDecision(handle.db, oversight, decisionId);
    await waitFor(async () => Boolean((await control(emulator, `/__emulator/emails/${reply.emailId}`)).delivered_at));

    // message.delivered: the email's delivery time is stored and open views are told.
    events.length = 0;
    await deliverWebhook("message.delivered", { email_id: reply.emailId, mailbox_id: DEMO_MAILBOXES.followups });
    const [delivered] = await handle.db.select().from(emails).where(eq(emails.id, reply.emailId));
    expect(delivered?.deliveredAt).toBeInstanceOf(Date);
    await waitFor(async () => events.some((e) => e.type === "inbox.updated" && e.threadId === threadId));

    await control(emulator, `/__emulator/emails/${reply.emailId}/bounce`, { bounce_type: "hard" });
    await deliverWebhook("message.bounced", { email_id: reply.emailId, mailbox_id: DEMO_MAILBOXES.followups, bounce_type: "hard" });
    const [bounced] = await handle.db.select().from(emails).where(eq(emails.id, reply.emailId));
    expect(bounced).toMatchObject({ bounceType: "hard" });
    await handle.db.update(settings).set({ value: "off" }).where(eq(settings.key, "four_eyes"));
  });

  it("re-sends an edited reply as a reply in the same thread, and the thread shows the chain once", async () => {
    const reply = await replyInThread(handle.db, send, {
      mailboxId: DEMO_MAILBOXES.followups,
      emailId: inboundId,
      markdown: "Thursday works too.",
      author: { id: "user-rita", name: "Rita Reviewer", label: "Rita Reviewer <rita@example.com>" },
    });
    await waitFor(async () => (await control(emulator, `/__emulator/emails/${reply.emailId}`)).status === "pending_send_approval");
    await reconcile(handle.db, oversight);
    const [item] = await handle.db.select().from(reviewItems).where(eq(reviewItems.rootEmailId, reply.emailId));
    const edit = await editAndApprove(handle.db, {
      itemId: item!.id,
      subject: item!.subject,
      markdown: "Thursday at 10 AM works too.",
      to: item!.toAddresses,
      cc: [],
      actor: "Sam",
      actorId: "user-sam",
    });
    expect(await deliverDecision(handle.db, oversight, edit.decisionId)).toBe("delivered");
    await runOutbox(handle.db, { oversight, send });
    const resent = ((await control(emulator, "/__emulator/emails")).emails as { id: string; markdown?: string; thread_id?: string }[]).find(
      (e) => e.id !== reply.emailId && (e.markdown ?? "").includes("Thursday at 10 AM"),
    );
    expect(resent?.thread_id).toBe(threadId);
    await waitFor(async () => (await control(emulator, `/__emulator/emails/${resent!.id}`)).status === "pending_send_approval");
    expect((await reconcile(handle.db, oversight)).matched).toHaveLength(1);

    const thread = await getThreadView(handle.db, oversight, DEMO_MAILBOXES.followups, threadId);
    const ofItem = thread.messages.filter((m) => m.review?.itemId === item!.id);
    expect(ofItem.map((m) => m.id)).toEqual([resent!.id]);
    await runOutbox(handle.db, { oversight, send }); // delivers the automatic approval
    await waitFor(async () => Boolean((await control(emulator, `/__emulator/emails/${resent!.id}`)).approved_at));
  });

  it("puts the contact's calls and emails both ways on one timeline, newest first", async () => {
    const timeline = await getContactTimeline(handle.db, MARIA.toUpperCase());
    expect(timeline?.contact).toMatchObject({ email: MARIA, name: "Maria Gonzalez" });
    const kinds = timeline!.entries.map((e) => (e.kind === "session" ? `call:${e.roomSid}` : `${e.direction}:${e.outcome}`));
    expect(kinds).toEqual(expect.arrayContaining(["call:RM_inboxcall1", "call:RM_inboxcall2", "outbound:held", "inbound:received", "outbound:bounced"]));
    const times = timeline!.entries.map((e) => (e.at ? Date.parse(e.at) : 0));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const held = timeline!.entries.find((e) => e.kind === "email" && e.id === heldId);
    expect(held).toMatchObject({ review: { state: "pending" }, roomSid: "RM_inboxcall1", threadId });
    const written = timeline!.entries.find((e) => e.kind === "email" && e.writtenBy);
    expect(written).toMatchObject({ writtenBy: "Rita Reviewer" });
    expect(await getContactTimeline(handle.db, "nobody@example.com")).toBeNull();
  });

  it("finds contacts by name or address, never the team's own mailboxes", async () => {
    await listInboxMailboxes(handle.db, oversight);
    expect((await searchContacts(handle.db, "gonzalez")).map((c) => c.email)).toContain(MARIA);
    expect((await searchContacts(handle.db, "maria.inbox@")).map((c) => c.email)).toEqual([MARIA]);
    expect((await searchContacts(handle.db, "")).map((c) => c.email)).not.toContain(FOLLOWUPS);
  });

  it("lists mailboxes with held and unread counts, and a mailbox's messages with MultiMail's filters", async () => {
    await control(emulator, "/__emulator/inbound", { to: FOLLOWUPS, from: "someone@example.org", subject: "Unread question", markdown: "Hello?" });
    const list = await listInboxMailboxes(handle.db, oversight);
    const followups = list.mailboxes.find((m) => m.id === DEMO_MAILBOXES.followups);
    expect(followups).toMatchObject({ address: FOLLOWUPS, oversightMode: "gated_send", held: 1, unread: 1, unreadMore: false });
    expect(list.error).toBeNull();

    const inboundOnly = await listMailboxEmails(handle.db, oversight, DEMO_MAILBOXES.followups, { direction: "inbound" });
    expect(inboundOnly.rows.every((r) => r.direction === "inbound")).toBe(true);
    expect(inboundOnly.rows.map((r) => r.subject)).toContain("Unread question");
    const bySender = await listMailboxEmails(handle.db, oversight, DEMO_MAILBOXES.followups, { sender: "someone@" });
    expect(bySender.rows.map((r) => r.subject)).toEqual(["Unread question"]);
    const held = await listMailboxEmails(handle.db, oversight, DEMO_MAILBOXES.followups, { status: "pending_send_approval" });
    expect(held.rows.map((r) => r.id)).toEqual([heldId]);
    expect(held.rows[0]?.review).toMatchObject({ state: "pending" });
    const future = await listMailboxEmails(handle.db, oversight, DEMO_MAILBOXES.followups, { after: "2999-01-01" });
    expect(future.rows).toEqual([]);
  });
});
