// Bulk decisions on a real database: every email goes through the single-decision gates; gated,
// claimed, four-eyes and already-decided emails are left out and listed; nothing is decided twice;
// one audit entry per email plus one for the batch.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { auditLog, decisions, emails, reviewItems, settings, voiceParticipants, voiceSessions } from "@/lib/db/schema";
import { bulkDecide } from "./bulk-decide";
import { bulkDecideInputSchema } from "./bulk-schemas";
import { claimItem } from "./claim-email";
import { resolveQueueSelection } from "./data";

let n = 0;
const start = Date.UTC(2026, 0, 5, 9);

/** The call behind every email: LiveKit saw the caller's address (what the recipient check compares with). */
async function seedCall(handle: DbHandle) {
  await handle.db
    .insert(voiceSessions)
    .values({ roomSid: "RM_bulk", roomName: "bulk-call", startedAt: new Date(start - 30 * 60_000), endedAt: new Date(start - 60_000) });
  await handle.db.insert(voiceParticipants).values({ roomSid: "RM_bulk", identity: "caller", kind: "SIP", metadata: JSON.stringify({ email: "caller@example.com" }) });
}

/** A held email of that call to the caller (recipient supported), or to someone else (needs confirmation). */
async function seedItem(handle: DbHandle, opts: { to?: string; mailboxId?: string; authoredBy?: string; subject?: string } = {}) {
  const id = `em-bulk-${++n}`;
  const to = opts.to ?? "caller@example.com";
  const mailboxId = opts.mailboxId ?? "mb-bulk";
  await handle.db.insert(emails).values({
    id,
    mailboxId,
    status: "pending_send_approval",
    subject: opts.subject ?? `Follow-up ${n}`,
    markdown: "Thanks for calling.",
    toAddresses: [to],
    metadata: { room_sid: "RM_bulk" },
  });
  const [item] = await handle.db
    .insert(reviewItems)
    .values({
      rootEmailId: id,
      currentEmailId: id,
      mailboxId,
      state: "pending",
      subject: opts.subject ?? `Follow-up ${n}`,
      toAddresses: [to],
      heldAt: new Date(start + n * 60_000),
      roomSid: "RM_bulk",
      authoredBy: opts.authoredBy ?? null,
    })
    .returning();
  return item!;
}

const ada = { actor: "Ada <ada@example.com>", actorId: "u-ada" };

describe.each(dbKinds())("bulk decisions on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(kind);
    await seedCall(handle);
  });
  afterAll(async () => handle?.close());

  const decisionsOf = (ids: string[]) => handle.db.select().from(decisions).where(inArray(decisions.itemId, ids));
  const recordedOf = (ids: string[]) =>
    handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "decision.recorded"), inArray(auditLog.itemId, ids)));
  const batchEntries = () => handle.db.select().from(auditLog).where(eq(auditLog.action, "decision.bulk"));

  it("approves the selection through the gates: a recipient to confirm and someone else's claim are left out and listed with why", async () => {
    const ok1 = await seedItem(handle);
    const ok2 = await seedItem(handle);
    const gated = await seedItem(handle, { to: "someone.else@example.com" });
    const claimed = await seedItem(handle);
    await claimItem(handle.db, { itemId: claimed.id, user: { id: "u-bob", name: "Bob" } });
    const before = (await batchEntries()).length;

    const result = await bulkDecide(handle.db, { action: "approve", selection: { ids: [ok1.id, gated.id, claimed.id, ok2.id] }, ...ada });

    expect(result.requested).toBe(4);
    expect(result.decided).toBe(2);
    expect(Object.fromEntries(result.results.map((r) => [r.itemId, r.status]))).toEqual({
      [ok1.id]: "decided",
      [ok2.id]: "decided",
      [gated.id]: "needs_confirmation",
      [claimed.id]: "claimed",
    });
    expect(result.results.find((r) => r.itemId === gated.id)?.message).toMatch(/Confirm the recipient.*someone\.else@example\.com/);
    expect(result.results.find((r) => r.itemId === claimed.id)?.message).toBe("Bob is reviewing it right now.");

    // Decided like a single decision: state, outbox row, audit entry; the left-out ones untouched.
    const states = await handle.db
      .select({ id: reviewItems.id, state: reviewItems.state })
      .from(reviewItems)
      .where(inArray(reviewItems.id, [ok1.id, ok2.id, gated.id, claimed.id]));
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({
      [ok1.id]: "approved",
      [ok2.id]: "approved",
      [gated.id]: "pending",
      [claimed.id]: "pending",
    });
    expect((await decisionsOf([ok1.id, ok2.id, gated.id, claimed.id])).map((d) => d.itemId).sort()).toEqual([ok1.id, ok2.id].sort());
    expect((await recordedOf([ok1.id, ok2.id, gated.id, claimed.id])).map((a) => a.itemId).sort()).toEqual([ok1.id, ok2.id].sort());

    // One audit entry for the batch: the actor and the count.
    const batch = (await batchEntries()).slice(before);
    expect(batch).toHaveLength(1);
    expect(batch[0]!.actor).toBe(ada.actor);
    expect(batch[0]!.details).toMatchObject({ action: "approve", selection: "selected", requested: 4, count: 2 });
    expect((batch[0]!.details.decided as string[]).sort()).toEqual([ok1.id, ok2.id].sort());
  });

  it("decides nothing twice: a double submission lists the emails as already decided and adds no decision", async () => {
    const a = await seedItem(handle);
    const b = await seedItem(handle);
    const input = { action: "reject" as const, reason: "Duplicate of another email", selection: { ids: [a.id, b.id] }, ...ada };
    const [first, second] = await Promise.all([bulkDecide(handle.db, input), bulkDecide(handle.db, input)]);
    const statuses = [...first.results, ...second.results].map((r) => r.status).sort();
    expect(statuses).toEqual(["already_decided", "already_decided", "decided", "decided"]);
    expect(first.decided + second.decided).toBe(2);
    const rows = await decisionsOf([a.id, b.id]);
    expect(rows).toHaveLength(2);
    expect(rows.every((d) => d.action === "reject" && d.reason === `Duplicate of another email (rejected by ${ada.actor} in Countersign, bulk)`)).toBe(true);
    expect(await recordedOf([a.id, b.id])).toHaveLength(2);
    const third = await bulkDecide(handle.db, input);
    expect(third.decided).toBe(0);
    expect(third.results.map((r) => r.message)).toEqual([expect.stringMatching(/already/i), expect.stringMatching(/already/i)]);
    expect(await decisionsOf([a.id, b.id])).toHaveLength(2);
  });

  it("leaves out an email replaced since it was selected (a re-sent edit) instead of deciding the new one unseen", async () => {
    const kept = await seedItem(handle);
    const replaced = await seedItem(handle);
    const seen = { [kept.id]: kept.currentEmailId, [replaced.id]: replaced.currentEmailId };
    // While the reviewer looks at the list, the second item's draft is replaced by a newer email.
    await handle.db
      .insert(emails)
      .values({ id: `${replaced.currentEmailId}-resent`, mailboxId: "mb-bulk", status: "pending_send_approval", toAddresses: ["caller@example.com"] });
    await handle.db
      .update(reviewItems)
      .set({ currentEmailId: `${replaced.currentEmailId}-resent` })
      .where(eq(reviewItems.id, replaced.id));
    const result = await bulkDecide(handle.db, { action: "approve", selection: { ids: [kept.id, replaced.id], seen }, ...ada });
    expect(result.results.map((r) => [r.itemId, r.status])).toEqual([
      [kept.id, "decided"],
      [replaced.id, "changed"],
    ]);
    expect(await decisionsOf([replaced.id])).toEqual([]);
  });

  it("leaves out an email the reviewer edited while four-eyes is on", async () => {
    const mine = await seedItem(handle, { authoredBy: ada.actorId });
    await handle.db
      .insert(settings)
      .values({ key: "four_eyes", value: "on" })
      .onConflictDoUpdate({ target: settings.key, set: { value: "on" } });
    try {
      const result = await bulkDecide(handle.db, { action: "approve", selection: { ids: [mine.id] }, ...ada });
      expect(result.results).toEqual([expect.objectContaining({ itemId: mine.id, status: "four_eyes", message: expect.stringMatching(/four-eyes/i) })]);
    } finally {
      await handle.db.update(settings).set({ value: "off" }).where(eq(settings.key, "four_eyes"));
    }
  });

  it("resolves a filter on the server at decision time, held emails only, capped and saying so", async () => {
    // The cap: more matching than it takes says so (bulkDecide caps at BULK_LIMIT, 500).
    const c1 = await seedItem(handle, { mailboxId: "mb-cap" });
    await seedItem(handle, { mailboxId: "mb-cap" });
    expect(await resolveQueueSelection(handle.db, { state: "pending", mailbox: "mb-cap" }, 1)).toEqual({ ids: [c1.id], more: true });

    const m1 = await seedItem(handle, { mailboxId: "mb-filter" });
    const m2 = await seedItem(handle, { mailboxId: "mb-filter" });
    await seedItem(handle, { mailboxId: "mb-other" });
    // Decided before the bulk request: not part of "all matching" any more.
    await bulkDecide(handle.db, { action: "approve", selection: { ids: [m1.id] }, ...ada });
    const result = await bulkDecide(handle.db, { action: "reject", reason: "Wrong recipient", selection: { filter: { mailbox: "mb-filter" } }, ...ada });
    expect(result.results.map((r) => [r.itemId, r.status])).toEqual([[m2.id, "decided"]]);
    expect(result.capped).toBe(false);
    const [batch] = (await batchEntries()).slice(-1);
    expect(batch!.details).toMatchObject({ selection: "filter", filter: { mailbox: "mb-filter" }, count: 1, capped: false });
  });

  it("refuses a rejection without a reason and an empty or oversized selection", async () => {
    expect(bulkDecideInputSchema.safeParse({ action: "reject", selection: { ids: [crypto.randomUUID()] } }).success).toBe(false);
    expect(bulkDecideInputSchema.safeParse({ action: "approve", selection: { ids: [] } }).success).toBe(false);
    expect(bulkDecideInputSchema.safeParse({ action: "approve", selection: { ids: Array.from({ length: 501 }, () => crypto.randomUUID()) } }).success).toBe(false);
    await expect(bulkDecide(handle.db, { action: "reject", reason: "  ", selection: { ids: [crypto.randomUUID()] }, ...ada })).rejects.toThrow(/reason/);
    const gone = await bulkDecide(handle.db, { action: "approve", selection: { ids: [crypto.randomUUID()] }, ...ada });
    expect(gone.results[0]!.status).toBe("not_found");
  });
});
