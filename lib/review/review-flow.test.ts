// The review loop against the real MultiMail emulator over HTTP, on PGlite and PostgreSQL, with the
// emulator in its default mode and in strict mode (the reference to the letter: SPEC-only pending
// items, an undocumented status after sending), so nothing rests on a status the emulator invented.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { auditLog, decisions, emails, reviewItems, webhookDeliveries } from "@/lib/db/schema";
import { createMultiMailClient, type MultiMailClient } from "@/lib/multimail/client";
import { signWebhookBody } from "@/lib/multimail/signature";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { decideEmail } from "./decide-email";
import { deliverDecision } from "./deliver-decision";
import { editAndApprove } from "./edit-email";
import { drainWebhookInbox, ingestMultiMailWebhook, processMultiMailDelivery } from "./ingest-multimail-webhook";
import { reconcile } from "./reconcile";
import { runOutbox } from "./run-outbox";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

async function control(emulator: Emulator, path: string, body?: unknown) {
  const response = await fetch(
    `${emulator.url}${path}`,
    body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  );
  return (await response.json()) as Record<string, unknown>;
}

async function sendHeld(emulator: Emulator, subject: string): Promise<string> {
  const response = await fetch(`${emulator.url}/v1/mailboxes/${DEMO_MAILBOXES.followups}/send`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
    body: JSON.stringify({
      to: ["caller@example.com"],
      subject,
      markdown: "Your appointment is **Tuesday at 3 PM**.",
      metadata: { session_id: "RM_test1", caller_email: "caller@example.com" },
    }),
  });
  const { id } = (await response.json()) as { id: string };
  await waitFor(async () => (await control(emulator, `/__emulator/emails/${id}`)).status === "pending_send_approval");
  return id;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

const approvedInMultiMail = (email: Record<string, unknown>) => Boolean(email.approved_at) && email.status !== "pending_send_approval";

describe.each(
  dbKinds().flatMap(
    (kind) =>
      [
        [kind, "default"],
        [kind, "strict"],
      ] as const,
  ),
)("review loop on %s, emulator %s", (kind, mode) => {
  let handle: DbHandle;
  let emulator: Emulator;
  let oversight: MultiMailClient;
  let send: MultiMailClient;

  beforeAll(async () => {
    [handle, emulator] = await Promise.all([
      openTestDb(kind),
      startEmulator({ ...demoEmulatorOptions({ scanDelayMs: 10 }), deliveryDelayMs: 10, strict: mode === "strict" }),
    ]);
    oversight = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, retryBaseMs: 5, maxRetries: 1, timeoutMs: 2_000 });
    send = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.send, retryBaseMs: 5, maxRetries: 1, timeoutMs: 2_000 });
  });
  afterAll(async () => {
    await Promise.all([handle?.close(), emulator?.close()]);
  });

  /** The queue item of a MultiMail email, if it has one. */
  const itemOf = async (rootEmailId: string) =>
    (
      await handle.db
        .select()
        .from(reviewItems)
        .where(sql`${reviewItems.rootEmailId} = ${rootEmailId}`)
    )[0];

  it("ingests a signed webhook once, syncs the email from the API and audits it", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Webhook ingest");
    const rawBody = JSON.stringify({ event: "oversight.pending", timestamp: new Date().toISOString(), data: { email_id: id, mailbox_id: DEMO_MAILBOXES.followups } });
    const signature = signWebhookBody(rawBody, DEMO_KEYS.webhookSecret);
    const first = await ingestMultiMailWebhook(db, { rawBody, signature, secret: DEMO_KEYS.webhookSecret, stripPrefix: false });
    expect(first.status).toBe("accepted");
    const second = await ingestMultiMailWebhook(db, { rawBody, signature, secret: DEMO_KEYS.webhookSecret, stripPrefix: false });
    expect(second.status).toBe("duplicate");
    if (first.status !== "accepted") throw new Error("unreachable");
    const outcome = await processMultiMailDelivery(db, oversight, { deliveryId: first.deliveryId, emailId: id, mailboxId: first.mailboxId });
    expect(outcome.kind).toBe("held");
    const item = await itemOf(id);
    expect(item).toMatchObject({ state: "pending", subject: "Webhook ingest", sessionId: "RM_test1", callerEmail: "caller@example.com" });
    const audit = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.emailId} = ${id}`);
    expect(audit.map((a) => a.action)).toEqual(["email.held"]);
  });

  it("refuses a tampered webhook and stores nothing", async () => {
    const db = handle.db;
    const before = await db.select().from(webhookDeliveries);
    const rawBody = JSON.stringify({ event: "oversight.pending", data: { email_id: "01TAMPERED" } });
    await expect(
      ingestMultiMailWebhook(db, {
        rawBody: `${rawBody} `,
        signature: signWebhookBody(rawBody, DEMO_KEYS.webhookSecret),
        secret: DEMO_KEYS.webhookSecret,
        stripPrefix: false,
      }),
    ).rejects.toMatchObject({ code: "unauthorized" });
    expect(await db.select().from(webhookDeliveries)).toHaveLength(before.length);
  });

  it("gives two simultaneous decisions one winner and a conflict naming it", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Race");
    await reconcile(db, oversight);
    const item = await itemOf(id);
    const results = await Promise.allSettled([
      decideEmail(db, { itemId: item!.id, action: "approve", actor: "ada@example.com", confirmRecipient: true }),
      decideEmail(db, { itemId: item!.id, action: "reject", reason: "no", actor: "bob@example.com" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: "conflict" });
    expect(String(loser.reason.message)).toMatch(/Already (approved|rejected) by (ada|bob)@example.com/);
    expect(
      await db
        .select()
        .from(decisions)
        .where(sql`${decisions.emailId} = ${id}`),
    ).toHaveLength(1);
  });

  it("keeps a decision while MultiMail fails and delivers it when it recovers", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Outage");
    await reconcile(db, oversight);
    const item = await itemOf(id);
    const { decisionId } = await decideEmail(db, { itemId: item!.id, action: "approve", actor: "ada@example.com", confirmRecipient: true });
    await control(emulator, "/__emulator/faults", { path_prefix: "/v1/oversight/decide", status: 503, count: 4 });
    expect(await deliverDecision(db, oversight, decisionId)).toBe("retrying");
    const [pending] = await db
      .select()
      .from(decisions)
      .where(sql`${decisions.id} = ${decisionId}`);
    expect(pending?.delivery).toBe("pending");
    await db
      .update(decisions)
      .set({ nextAttemptAt: new Date(0) })
      .where(sql`${decisions.id} = ${decisionId}`);
    await control(emulator, "/__emulator/faults", undefined);
    await fetch(`${emulator.url}/__emulator/faults`, { method: "DELETE" });
    await runOutbox(db, { oversight, send });
    expect(approvedInMultiMail(await control(emulator, `/__emulator/emails/${id}`))).toBe(true);
    const [done] = await db
      .select()
      .from(decisions)
      .where(sql`${decisions.id} = ${decisionId}`);
    expect(done?.delivery).toBe("delivered");
  });

  it("reconciles MultiMail answering 'already decided' instead of failing", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Already decided");
    await reconcile(db, oversight);
    const item = await itemOf(id);
    const { decisionId } = await decideEmail(db, { itemId: item!.id, action: "approve", actor: "ada@example.com", confirmRecipient: true });
    await oversight.decide({ emailId: id, action: "approve" }); // the first delivery landed, its answer was lost
    expect(await deliverDecision(db, oversight, decisionId)).toBe("reconciled");
  });

  it("finds an email with no webhook and marks one decided in MultiMail as decided elsewhere", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Reconciled");
    const report = await reconcile(db, oversight);
    expect(report.added).toBeGreaterThanOrEqual(1);
    const email = await control(emulator, `/__emulator/emails/${id}`);
    await fetch(`${String(email.approval_url)}?action=approve`, { method: "POST" });
    const second = await reconcile(db, oversight);
    expect(second.decidedElsewhere).toBe(1);
    const item = await itemOf(id);
    expect(item).toMatchObject({ state: "decided_elsewhere", decision: "approve" });
  });

  it("edits: rejects the original, re-sends the revision and approves it only when it matches", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Edit me");
    await reconcile(db, oversight);
    const item = await itemOf(id);
    const edit = await editAndApprove(db, {
      itemId: item!.id,
      subject: "Edited",
      markdown: "Your appointment is **Wednesday at 4 PM**.",
      to: ["caller@example.com"],
      cc: [],
      actor: "ada@example.com",
      confirmRecipient: true,
    });
    expect(await deliverDecision(db, oversight, edit.decisionId)).toBe("delivered");
    const original = await control(emulator, `/__emulator/emails/${id}`);
    expect(original.status).toBe("rejected");
    expect(String(original.decision_reason)).toContain("(revision 1) by ada@example.com");

    await runOutbox(db, { oversight, send }); // re-sends the revision with the send key
    const resent = ((await control(emulator, "/__emulator/emails")).emails as { id: string; subject: string; status: string; idempotency_key?: string }[]).find(
      (e) => e.subject === "Edited",
    );
    expect(resent).toBeDefined();
    await waitFor(async () => (await control(emulator, `/__emulator/emails/${resent!.id}`)).status === "pending_send_approval");
    const report = await reconcile(db, oversight);
    expect(report.matched).toHaveLength(1);
    await runOutbox(db, { oversight, send });
    expect(approvedInMultiMail(await control(emulator, `/__emulator/emails/${resent!.id}`))).toBe(true);
    const [after] = await db
      .select()
      .from(reviewItems)
      .where(sql`${reviewItems.id} = ${item!.id}`);
    expect(after).toMatchObject({ state: "approved", currentEmailId: resent!.id });
  });

  it("applies an acknowledged delivery whose sync failed once MultiMail recovers, even when the re-sent copy is a duplicate", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Sync fails after the 200");
    await control(emulator, "/__emulator/faults", { method: "GET", email_id: id, status: 500, count: 10 });
    const rawBody = JSON.stringify({ event: "oversight.pending", data: { email_id: id, mailbox_id: DEMO_MAILBOXES.followups } });
    const signature = signWebhookBody(rawBody, DEMO_KEYS.webhookSecret);
    const first = await ingestMultiMailWebhook(db, { rawBody, signature, secret: DEMO_KEYS.webhookSecret, stripPrefix: false });
    if (first.status !== "accepted") throw new Error("not accepted");
    await expect(processMultiMailDelivery(db, oversight, { deliveryId: first.deliveryId, emailId: id, mailboxId: first.mailboxId })).rejects.toThrow();
    const [failed] = await db
      .select()
      .from(webhookDeliveries)
      .where(sql`${webhookDeliveries.id} = ${first.deliveryId}`);
    expect(failed).toMatchObject({ processedAt: null, attempts: 1, error: expect.stringMatching(/Injected fault/) });

    // MultiMail re-sends the same bytes: still a duplicate, but the unprocessed delivery is due again at once.
    const again = await ingestMultiMailWebhook(db, { rawBody, signature, secret: DEMO_KEYS.webhookSecret, stripPrefix: false });
    expect(again).toMatchObject({ status: "duplicate", deliveryId: first.deliveryId });
    await fetch(`${emulator.url}/__emulator/faults`, { method: "DELETE" });
    expect(await drainWebhookInbox(db, oversight)).toMatchObject({ processed: 1, failed: 0 });
    const item = await itemOf(id);
    expect(item).toMatchObject({ state: "pending", subject: "Sync fails after the 200" });
    const [done] = await db
      .select()
      .from(webhookDeliveries)
      .where(sql`${webhookDeliveries.id} = ${first.deliveryId}`);
    expect(done?.processedAt).not.toBeNull();
  });

  it("processes a delivery recorded by a process that died before its follow-up ran", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Crash after the acknowledgement");
    const rawBody = JSON.stringify({ event: "oversight.pending", data: { email_id: id } });
    // Recorded and acknowledged; the work after the response never ran (kill -9 right after the 200).
    const first = await ingestMultiMailWebhook(db, {
      rawBody,
      signature: signWebhookBody(rawBody, DEMO_KEYS.webhookSecret),
      secret: DEMO_KEYS.webhookSecret,
      stripPrefix: false,
    });
    expect(first.status).toBe("accepted");
    expect(await itemOf(id)).toBeUndefined();
    await drainWebhookInbox(db, oversight);
    expect(await itemOf(id)).toBeDefined();
  });

  it("never takes a refused decide as final: retried while MultiMail holds the email, then handed back to a reviewer", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Decide refused");
    await reconcile(db, oversight);
    const item = await itemOf(id);
    const { decisionId } = await decideEmail(db, { itemId: item!.id, action: "approve", actor: "ada@example.com", confirmRecipient: true });
    await control(emulator, "/__emulator/faults", {
      method: "POST",
      path_prefix: "/v1/oversight/decide",
      email_id: id,
      status: 404,
      count: 10,
      body: { error: "Email not found" },
    });
    const due = () =>
      db
        .update(decisions)
        .set({ nextAttemptAt: new Date(0) })
        .where(sql`${decisions.id} = ${decisionId}`);
    expect(await deliverDecision(db, oversight, decisionId)).toBe("retrying");
    const [waiting] = await db
      .select()
      .from(decisions)
      .where(sql`${decisions.id} = ${decisionId}`);
    expect(waiting).toMatchObject({ delivery: "pending", lastError: expect.stringMatching(/still holds/) });
    await due();
    expect(await deliverDecision(db, oversight, decisionId)).toBe("retrying");
    await due();
    expect(await deliverDecision(db, oversight, decisionId)).toBe("refused");
    // Never "approved" while MultiMail holds it: back in the queue with MultiMail's own words.
    const [back] = await db
      .select()
      .from(reviewItems)
      .where(sql`${reviewItems.id} = ${item!.id}`);
    expect(back).toMatchObject({
      state: "pending",
      decision: null,
      attention: expect.stringMatching(/refused the approval and still holds this email: “Email not found”/),
    });
    expect((await control(emulator, `/__emulator/emails/${id}`)).status).toBe("pending_send_approval");
    const trail = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.itemId} = ${item!.id}`);
    expect(trail.map((a) => a.action)).toContain("decision.refused");

    // Once MultiMail accepts again, the reviewer's next decision goes through exactly once.
    await fetch(`${emulator.url}/__emulator/faults`, { method: "DELETE" });
    const second = await decideEmail(db, { itemId: item!.id, action: "approve", actor: "ada@example.com", confirmRecipient: true });
    expect(await deliverDecision(db, oversight, second.decisionId)).toBe("delivered");
    expect(approvedInMultiMail(await control(emulator, `/__emulator/emails/${id}`))).toBe(true);
  });

  it("refuses a webhook whose event or id cannot be stored, and stores a held email whose text holds U+0000", async () => {
    const db = handle.db;
    const rawBody = '{"event":"oversight.pending\\u0000","data":{"email_id":"a\\u0000b"}}';
    await expect(
      ingestMultiMailWebhook(db, { rawBody, signature: signWebhookBody(rawBody, DEMO_KEYS.webhookSecret), secret: DEMO_KEYS.webhookSecret, stripPrefix: false }),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/cannot be stored/) });
    const surrogate = '{"event":"oversight.pending","data":{"email_id":"em_\\ud800"}}';
    await expect(
      ingestMultiMailWebhook(db, {
        rawBody: surrogate,
        signature: signWebhookBody(surrogate, DEMO_KEYS.webhookSecret),
        secret: DEMO_KEYS.webhookSecret,
        stripPrefix: false,
      }),
    ).rejects.toMatchObject({ code: "bad_request" });

    const id = await sendHeld(emulator, "Odd\u0000 bytes \ud83d");
    const report = await reconcile(db, oversight);
    expect(report.added).toBeGreaterThanOrEqual(1);
    const item = await itemOf(id);
    expect(item?.subject).toBe("Odd bytes \ufffd");
  });

  it("creates the queue item of a held email whose row something else stored first", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Stored by the inbox first");
    await db.insert(emails).values({ id, mailboxId: DEMO_MAILBOXES.followups, status: "pending_send_approval", subject: "Stored by the inbox first" });
    await reconcile(db, oversight);
    const item = await itemOf(id);
    // The pending list lacks metadata in strict mode: the email was read whole, so the session link is kept.
    expect(item).toMatchObject({ state: "pending", sessionId: "RM_test1" });
  });

  it("keeps the audit log append-only", async () => {
    await expect(handle.db.execute(sql`update audit_log set actor = 'mallory'`)).rejects.toThrow();
    await expect(handle.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });
});
