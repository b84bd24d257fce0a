// The review loop against the real MultiMail emulator over HTTP, on PGlite and PostgreSQL.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { auditLog, decisions, reviewItems, webhookDeliveries } from "@/lib/db/schema";
import { createMultiMailClient, type MultiMailClient } from "@/lib/multimail/client";
import { signWebhookBody } from "@/lib/multimail/signature";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { decideEmail } from "./decide-email";
import { deliverDecision } from "./deliver-decision";
import { editAndApprove } from "./edit-email";
import { ingestMultiMailWebhook, processMultiMailDelivery } from "./ingest-multimail-webhook";
import { reconcile } from "./reconcile";
import { runOutbox } from "./run-outbox";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

async function control(emulator: Emulator, path: string, body?: unknown) {
  const response = await fetch(`${emulator.url}${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return (await response.json()) as Record<string, unknown>;
}

async function sendHeld(emulator: Emulator, subject: string): Promise<string> {
  const response = await fetch(`${emulator.url}/v1/mailboxes/${DEMO_MAILBOXES.followups}/send`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
    body: JSON.stringify({ to: ["caller@example.com"], subject, markdown: "Your appointment is **Tuesday at 3 PM**.", metadata: { session_id: "RM_test1", caller_email: "caller@example.com" } }),
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

describe.each(dbKinds())("review loop on %s", (kind) => {
  let handle: DbHandle;
  let emulator: Emulator;
  let oversight: MultiMailClient;
  let send: MultiMailClient;

  beforeAll(async () => {
    [handle, emulator] = await Promise.all([openTestDb(kind), startEmulator({ ...demoEmulatorOptions({ scanDelayMs: 10 }), deliveryDelayMs: 10 })]);
    oversight = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, retryBaseMs: 5, maxRetries: 1, timeoutMs: 2_000 });
    send = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.send, retryBaseMs: 5, maxRetries: 1, timeoutMs: 2_000 });
  });
  afterAll(async () => {
    await Promise.all([handle?.close(), emulator?.close()]);
  });

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
    const [item] = await db.select().from(reviewItems).where(sql`${reviewItems.rootEmailId} = ${id}`);
    expect(item).toMatchObject({ state: "pending", subject: "Webhook ingest", sessionId: "RM_test1", callerEmail: "caller@example.com" });
    const audit = await db.select().from(auditLog).where(sql`${auditLog.emailId} = ${id}`);
    expect(audit.map((a) => a.action)).toEqual(["email.held"]);
  });

  it("refuses a tampered webhook and stores nothing", async () => {
    const db = handle.db;
    const before = await db.select().from(webhookDeliveries);
    const rawBody = JSON.stringify({ event: "oversight.pending", data: { email_id: "01TAMPERED" } });
    await expect(
      ingestMultiMailWebhook(db, { rawBody: `${rawBody} `, signature: signWebhookBody(rawBody, DEMO_KEYS.webhookSecret), secret: DEMO_KEYS.webhookSecret, stripPrefix: false }),
    ).rejects.toMatchObject({ code: "unauthorized" });
    expect(await db.select().from(webhookDeliveries)).toHaveLength(before.length);
  });

  it("gives two simultaneous decisions one winner and a conflict naming it", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Race");
    await reconcile(db, oversight);
    const [item] = await db.select().from(reviewItems).where(sql`${reviewItems.rootEmailId} = ${id}`);
    const results = await Promise.allSettled([
      decideEmail(db, { itemId: item!.id, action: "approve", actor: "ada@example.com" }),
      decideEmail(db, { itemId: item!.id, action: "reject", reason: "no", actor: "bob@example.com" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: "conflict" });
    expect(String(loser.reason.message)).toMatch(/Already (approved|rejected) by (ada|bob)@example.com/);
    expect(await db.select().from(decisions).where(sql`${decisions.emailId} = ${id}`)).toHaveLength(1);
  });

  it("keeps a decision while MultiMail fails and delivers it when it recovers", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Outage");
    await reconcile(db, oversight);
    const [item] = await db.select().from(reviewItems).where(sql`${reviewItems.rootEmailId} = ${id}`);
    const { decisionId } = await decideEmail(db, { itemId: item!.id, action: "approve", actor: "ada@example.com" });
    await control(emulator, "/__emulator/faults", { path_prefix: "/v1/oversight/decide", status: 503, count: 4 });
    expect(await deliverDecision(db, oversight, decisionId)).toBe("retrying");
    const [pending] = await db.select().from(decisions).where(sql`${decisions.id} = ${decisionId}`);
    expect(pending?.delivery).toBe("pending");
    await db.update(decisions).set({ nextAttemptAt: new Date(0) }).where(sql`${decisions.id} = ${decisionId}`);
    await control(emulator, "/__emulator/faults", undefined);
    await fetch(`${emulator.url}/__emulator/faults`, { method: "DELETE" });
    await runOutbox(db, { oversight, send });
    expect((await control(emulator, `/__emulator/emails/${id}`)).status).toBe("approved_and_sent");
    const [done] = await db.select().from(decisions).where(sql`${decisions.id} = ${decisionId}`);
    expect(done?.delivery).toBe("delivered");
  });

  it("reconciles MultiMail answering 'already decided' instead of failing", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Already decided");
    await reconcile(db, oversight);
    const [item] = await db.select().from(reviewItems).where(sql`${reviewItems.rootEmailId} = ${id}`);
    const { decisionId } = await decideEmail(db, { itemId: item!.id, action: "approve", actor: "ada@example.com" });
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
    const [item] = await db.select().from(reviewItems).where(sql`${reviewItems.rootEmailId} = ${id}`);
    expect(item).toMatchObject({ state: "decided_elsewhere", decision: "approve" });
  });

  it("edits: rejects the original, re-sends the revision and approves it only when it matches", async () => {
    const db = handle.db;
    const id = await sendHeld(emulator, "Edit me");
    await reconcile(db, oversight);
    const [item] = await db.select().from(reviewItems).where(sql`${reviewItems.rootEmailId} = ${id}`);
    const edit = await editAndApprove(db, { itemId: item!.id, subject: "Edited", markdown: "Your appointment is **Wednesday at 4 PM**.", to: ["caller@example.com"], cc: [], actor: "ada@example.com" });
    expect(await deliverDecision(db, oversight, edit.decisionId)).toBe("delivered");
    const original = await control(emulator, `/__emulator/emails/${id}`);
    expect(original.status).toBe("rejected");
    expect(String(original.decision_reason)).toContain("(revision 1) by ada@example.com");

    await runOutbox(db, { oversight, send }); // re-sends the revision with the send key
    const resent = ((await control(emulator, "/__emulator/emails")).emails as { id: string; subject: string; status: string; idempotency_key?: string }[]).find((e) => e.subject === "Edited");
    expect(resent).toBeDefined();
    await waitFor(async () => (await control(emulator, `/__emulator/emails/${resent!.id}`)).status === "pending_send_approval");
    const report = await reconcile(db, oversight);
    expect(report.matched).toHaveLength(1);
    await runOutbox(db, { oversight, send });
    expect((await control(emulator, `/__emulator/emails/${resent!.id}`)).status).toBe("approved_and_sent");
    const [after] = await db.select().from(reviewItems).where(sql`${reviewItems.id} = ${item!.id}`);
    expect(after).toMatchObject({ state: "approved", currentEmailId: resent!.id });
  });

  it("keeps the audit log append-only", async () => {
    await expect(handle.db.execute(sql`update audit_log set actor = 'mallory'`)).rejects.toThrow();
    await expect(handle.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });
});
