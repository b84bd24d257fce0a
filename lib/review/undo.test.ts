// Undo within the grace period, against the real MultiMail emulator over HTTP, on PGlite and
// PostgreSQL: an undone decision never reaches MultiMail, one already sent cannot be undone, and the
// email goes back exactly as it was (an edit's subject and recipients too).
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { auditLog, decisions, hookDeliveries, reviewItems, revisions, settings } from "@/lib/db/schema";
import { createHook } from "@/lib/hooks/manage";
import { createMultiMailClient, type MultiMailClient } from "@/lib/multimail/client";
import { startEmulator } from "@/sandbox/multimail/emulator";
import { DEMO_KEYS, DEMO_MAILBOXES, demoEmulatorOptions } from "@/sandbox/multimail/seed";
import { decideEmail, undoDecision } from "./decide-email";
import { deliverDecision } from "./deliver-decision";
import { editAndApprove } from "./edit-email";
import { reconcile } from "./reconcile";
import { runOutbox } from "./run-outbox";
import { UNDO_GRACE_KEY } from "./undo-grace";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const ADA = "Ada <ada@example.com>";

describe.each(dbKinds())("undo on %s", (kind) => {
  let handle: DbHandle;
  let emulator: Emulator;
  let oversight: MultiMailClient;

  const statusInMultiMail = async (id: string) => ((await (await fetch(`${emulator.url}/__emulator/emails/${id}`)).json()) as { status: string }).status;

  async function heldItem(subject: string) {
    const response = await fetch(`${emulator.url}/v1/mailboxes/${DEMO_MAILBOXES.followups}/send`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_KEYS.send}`, "content-type": "application/json" },
      body: JSON.stringify({ to: ["caller@example.com"], subject, markdown: "See you **Tuesday at 3 PM**.", metadata: { caller_email: "caller@example.com" } }),
    });
    const { id } = (await response.json()) as { id: string };
    const deadline = Date.now() + 5_000;
    while ((await statusInMultiMail(id)) !== "pending_send_approval") {
      if (Date.now() > deadline) throw new Error("not held in time");
      await new Promise((r) => setTimeout(r, 20));
    }
    await reconcile(handle.db, oversight);
    const [item] = await handle.db.select().from(reviewItems).where(eq(reviewItems.rootEmailId, id));
    if (!item) throw new Error("no item");
    return { emailId: id, item };
  }

  const setGrace = (seconds: number) =>
    handle.db
      .insert(settings)
      .values({ key: UNDO_GRACE_KEY, value: String(seconds) })
      .onConflictDoUpdate({ target: settings.key, set: { value: String(seconds) } });

  /** The grace period is over: the decision is due now. */
  const graceOver = (decisionId: string) =>
    handle.db
      .update(decisions)
      .set({ nextAttemptAt: sql`now() - interval '1 second'` })
      .where(eq(decisions.id, decisionId));

  beforeAll(async () => {
    [handle, emulator] = await Promise.all([openTestDb(kind), startEmulator({ ...demoEmulatorOptions({ scanDelayMs: 10 }), deliveryDelayMs: 10 })]);
    oversight = createMultiMailClient({ baseUrl: emulator.url, apiKey: DEMO_KEYS.oversight, retryBaseMs: 5, maxRetries: 1, timeoutMs: 2_000 });
  });
  afterAll(async () => {
    await Promise.all([handle?.close(), emulator?.close()]);
  });
  beforeEach(() => setGrace(30));

  it("holds an approval for the grace period; undo puts the email back and MultiMail never hears of it", async () => {
    const { emailId, item } = await heldItem("Undo an approval");
    const before = Date.now();
    const { decisionId, undoUntil } = await decideEmail(handle.db, { itemId: item.id, action: "approve", reason: "ok", actor: ADA, confirmRecipient: true });
    expect(undoUntil!.getTime()).toBeGreaterThanOrEqual(before + 29_000);

    // Neither the click's immediate delivery nor the outbox sends it early.
    expect(await deliverDecision(handle.db, oversight, decisionId)).toBe("busy");
    await runOutbox(handle.db, { oversight, send: null });
    expect(await statusInMultiMail(emailId)).toBe("pending_send_approval");

    await undoDecision(handle.db, { itemId: item.id, actor: ADA });
    const [after] = await handle.db.select().from(reviewItems).where(eq(reviewItems.id, item.id));
    expect(after).toMatchObject({ state: "pending", decision: null, decidedBy: null, decidedAt: null, decisionReason: null, subject: item.subject });
    const [decision] = await handle.db.select().from(decisions).where(eq(decisions.id, decisionId));
    expect(decision!.delivery).toBe("undone");
    const audit = await handle.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.itemId, item.id));
    expect(audit.map((a) => a.action)).toContain("decision.undone");

    // Even once its time has come, an undone decision is never delivered.
    await graceOver(decisionId);
    await runOutbox(handle.db, { oversight, send: null });
    expect(await statusInMultiMail(emailId)).toBe("pending_send_approval");

    // The email can be decided again, and that decision goes through.
    await setGrace(0);
    const again = await decideEmail(handle.db, { itemId: item.id, action: "reject", reason: "Wrong day", actor: ADA });
    expect(again.undoUntil).toBeNull();
    expect(await deliverDecision(handle.db, oversight, again.decisionId)).toBe("delivered");
    expect(await statusInMultiMail(emailId)).toBe("rejected");
  });

  it("refuses to undo a decision that already went to MultiMail", async () => {
    const { emailId, item } = await heldItem("Too late to undo");
    const { decisionId } = await decideEmail(handle.db, { itemId: item.id, action: "reject", reason: "No", actor: ADA });
    await graceOver(decisionId);
    await runOutbox(handle.db, { oversight, send: null });
    expect(await statusInMultiMail(emailId)).toBe("rejected");
    await expect(undoDecision(handle.db, { itemId: item.id, actor: ADA })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/already gone to MultiMail/),
    });
    const [after] = await handle.db.select().from(reviewItems).where(eq(reviewItems.id, item.id));
    expect(after!.state).toBe("rejected");
  });

  it("refuses an undo once a delivery attempt started, even if MultiMail did not answer", async () => {
    const { item } = await heldItem("Attempted");
    const { decisionId } = await decideEmail(handle.db, { itemId: item.id, action: "approve", reason: "ok", actor: ADA, confirmRecipient: true });
    await handle.db.update(decisions).set({ attempts: 1 }).where(eq(decisions.id, decisionId));
    await expect(undoDecision(handle.db, { itemId: item.id, actor: ADA })).rejects.toMatchObject({ code: "conflict" });
  });

  it("lets only the reviewer who decided undo it", async () => {
    const { item } = await heldItem("Someone else's decision");
    await decideEmail(handle.db, { itemId: item.id, action: "approve", reason: "ok", actor: ADA, confirmRecipient: true });
    await expect(undoDecision(handle.db, { itemId: item.id, actor: "Bob <bob@example.com>" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("gives an undo racing the delivery one winner", async () => {
    const { emailId, item } = await heldItem("Undo versus delivery");
    const { decisionId } = await decideEmail(handle.db, { itemId: item.id, action: "reject", reason: "No", actor: ADA });
    await graceOver(decisionId);
    const [undo, delivery] = await Promise.allSettled([undoDecision(handle.db, { itemId: item.id, actor: ADA }), deliverDecision(handle.db, oversight, decisionId)]);
    const [decision] = await handle.db.select().from(decisions).where(eq(decisions.id, decisionId));
    const upstream = await statusInMultiMail(emailId);
    if (undo.status === "fulfilled") {
      expect(decision!.delivery).toBe("undone");
      expect(upstream).toBe("pending_send_approval");
      expect(delivery).toMatchObject({ status: "fulfilled", value: "busy" });
    } else {
      expect(delivery).toMatchObject({ status: "fulfilled", value: "delivered" });
      expect(upstream).toBe("rejected");
    }
  });

  it("undoes an edit: the original subject and recipients come back and the revision is never sent", async () => {
    const { emailId, item } = await heldItem("Edit then undo");
    const edit = await editAndApprove(handle.db, {
      itemId: item.id,
      subject: "Edited subject",
      markdown: "See you **Wednesday**.",
      to: ["caller@example.com"],
      cc: [],
      actor: ADA,
      actorId: "user-ada",
      confirmRecipient: true,
    });
    expect(edit.undoUntil).not.toBeNull();
    const [edited] = await handle.db.select().from(reviewItems).where(eq(reviewItems.id, item.id));
    expect(edited).toMatchObject({ state: "edited", subject: "Edited subject", authoredBy: "user-ada" });

    await undoDecision(handle.db, { itemId: item.id, actor: ADA });
    const [after] = await handle.db.select().from(reviewItems).where(eq(reviewItems.id, item.id));
    expect(after).toMatchObject({
      state: "pending",
      subject: item.subject,
      toAddresses: item.toAddresses,
      searchText: item.searchText,
      authoredBy: item.authoredBy,
      decision: null,
    });
    const [revision] = await handle.db.select().from(revisions).where(eq(revisions.itemId, item.id));
    expect(revision!.resendState).toBe("abandoned");
    await graceOver(edit.decisionId);
    await runOutbox(handle.db, { oversight, send: null });
    expect(await statusInMultiMail(emailId)).toBe("pending_send_approval");
  });

  it("holds a decision's downstream hook for the grace period and drops it on undo", async () => {
    await createHook(handle.db, { url: "http://127.0.0.1:9/crm", events: ["item.approved", "item.rejected"], createdBy: ADA });
    const { item } = await heldItem("Hooked decision");
    const { undoUntil } = await decideEmail(handle.db, { itemId: item.id, action: "approve", reason: "ok", actor: ADA, confirmRecipient: true });
    const queued = async () => (await handle.db.select().from(hookDeliveries)).filter((d) => (d.payload as { itemId?: string }).itemId === item.id);
    const [held] = await queued();
    expect(held).toMatchObject({ event: "item.approved" });
    expect(held!.nextAttemptAt.getTime()).toBe(undoUntil!.getTime());
    await undoDecision(handle.db, { itemId: item.id, actor: ADA });
    expect(await queued()).toEqual([]);
    await decideEmail(handle.db, { itemId: item.id, action: "reject", reason: "Wrong day", actor: ADA });
    expect((await queued()).map((d) => d.event)).toEqual(["item.rejected"]);
  });

  it("has nothing to undo when the grace period is off", async () => {
    await setGrace(0);
    const { item } = await heldItem("No grace");
    const { undoUntil } = await decideEmail(handle.db, { itemId: item.id, action: "approve", reason: "ok", actor: ADA, confirmRecipient: true });
    expect(undoUntil).toBeNull();
    await expect(undoDecision(handle.db, { itemId: item.id, actor: ADA })).rejects.toMatchObject({ code: "conflict" });
  });
});
