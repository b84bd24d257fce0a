// SLAs on a real database: the due time runs from the call's end (the hold without a call), follows
// the session's end when it arrives and the mailbox's SLA when an admin changes it; the queue sorts
// by it and counts what is overdue; escalation returns each near-breach item once.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { auditLog, emails, mailboxes, reviewItems, voiceSessions } from "@/lib/db/schema";
import { linkSessionItems, syncItemSession } from "@/lib/livekit/link-session";
import { listQueue } from "./data";
import { queueFiltersSchema } from "./schemas";
import { findNearBreach, setMailboxSla } from "./sla";
import { slaStatus } from "./sla-status";

const minute = 60_000;
let n = 0;

async function seedItem(handle: DbHandle, opts: { mailboxId: string; heldAt: Date; roomSid?: string; state?: "pending" | "approved" }) {
  const id = `em-sla-${++n}`;
  await handle.db.insert(emails).values({
    id,
    mailboxId: opts.mailboxId,
    status: "pending_send_approval",
    subject: `Follow-up ${n}`,
    markdown: "Thanks for calling.",
    toAddresses: ["caller@example.com"],
    metadata: { caller_email: "caller@example.com", ...(opts.roomSid ? { room_sid: opts.roomSid } : {}) },
  });
  const [item] = await handle.db
    .insert(reviewItems)
    .values({ rootEmailId: id, currentEmailId: id, mailboxId: opts.mailboxId, state: opts.state ?? "pending", subject: `Follow-up ${n}`, heldAt: opts.heldAt })
    .returning();
  await syncItemSession(handle.db, item!.id, { roomName: null, roomSid: opts.roomSid ?? null });
  return item!;
}

describe.each(dbKinds())("SLAs on %s", (kind) => {
  let handle: DbHandle;
  const dueOf = async (id: string) => (await handle.db.select({ dueAt: reviewItems.dueAt }).from(reviewItems).where(eq(reviewItems.id, id)))[0]!.dueAt;

  beforeAll(async () => {
    handle = await openTestDb(kind);
    await handle.db.insert(mailboxes).values([
      { id: "mb-sla", address: "followups@example.com", slaMinutes: 30 },
      { id: "mb-none", address: "other@example.com" },
    ]);
  });
  afterAll(async () => handle?.close());

  it("runs from the hold without a voice session, and from the call's end once the session ends", async () => {
    const heldAt = new Date(Date.UTC(2026, 1, 1, 10, 0));
    const noCall = await seedItem(handle, { mailboxId: "mb-sla", heldAt });
    expect(await dueOf(noCall.id)).toEqual(new Date(heldAt.getTime() + 30 * minute));

    // The session is known but still running: the hold time stands in for its end.
    await handle.db.insert(voiceSessions).values({ roomSid: "RM_sla_call", roomName: "call-1", startedAt: new Date(heldAt.getTime() - 20 * minute) });
    const withCall = await seedItem(handle, { mailboxId: "mb-sla", heldAt, roomSid: "RM_sla_call" });
    expect((await handle.db.select().from(reviewItems).where(eq(reviewItems.id, withCall.id)))[0]!.roomSid).toBe("RM_sla_call");
    expect(await dueOf(withCall.id)).toEqual(new Date(heldAt.getTime() + 30 * minute));

    // The room's end arrives (a webhook): the due time runs from it.
    const endedAt = new Date(heldAt.getTime() + 4 * minute);
    await handle.db.update(voiceSessions).set({ endedAt }).where(eq(voiceSessions.roomSid, "RM_sla_call"));
    await handle.db.transaction((tx) => linkSessionItems(tx, "RM_sla_call"));
    expect(await dueOf(withCall.id)).toEqual(new Date(endedAt.getTime() + 30 * minute));

    // A mailbox without an SLA: no due time.
    const none = await seedItem(handle, { mailboxId: "mb-none", heldAt });
    expect(await dueOf(none.id)).toBeNull();
  });

  it("follows the mailbox's SLA when an admin changes it: held items only, audited", async () => {
    const heldAt = new Date(Date.UTC(2026, 1, 2, 10, 0));
    const held = await seedItem(handle, { mailboxId: "mb-none", heldAt });
    const decided = await seedItem(handle, { mailboxId: "mb-none", heldAt, state: "approved" });
    const { updated } = await setMailboxSla(handle.db, { mailboxId: "mb-none", minutes: 15, actor: "Ada" });
    expect(updated).toBeGreaterThanOrEqual(1);
    expect(await dueOf(held.id)).toEqual(new Date(heldAt.getTime() + 15 * minute));
    expect(await dueOf(decided.id)).toBeNull();
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "sla.changed"));
    expect(entry).toMatchObject({ actor: "Ada", details: { mailboxId: "mb-none", from: null, to: 15 } });

    await setMailboxSla(handle.db, { mailboxId: "mb-none", minutes: null, actor: "Ada" });
    expect(await dueOf(held.id)).toBeNull();
    await expect(setMailboxSla(handle.db, { mailboxId: "mb-none", minutes: 0, actor: "Ada" })).rejects.toThrow(/whole number of minutes/);
    await expect(setMailboxSla(handle.db, { mailboxId: "mb-unknown", minutes: 5, actor: "Ada" })).rejects.toThrow(/not known/);
  });

  it("sorts Due first by keyset (no SLA last) and counts the overdue", async () => {
    const fresh = await openTestDb(kind);
    try {
      await fresh.db.insert(mailboxes).values([
        { id: "mb-a", address: "a@example.com", slaMinutes: 60 },
        { id: "mb-b", address: "b@example.com", slaMinutes: 10 },
        { id: "mb-c", address: "c@example.com" },
      ]);
      const now = new Date(Date.UTC(2026, 2, 1, 12, 0));
      const t = (m: number) => new Date(now.getTime() + m * minute);
      // Held oldest first: a1 (due +30), b1 (due -5, overdue), c1 (no SLA), b2 (due +8), a2 (due -1, overdue).
      const a1 = await seedItem(fresh, { mailboxId: "mb-a", heldAt: t(-30) });
      const b1 = await seedItem(fresh, { mailboxId: "mb-b", heldAt: t(-15) });
      const c1 = await seedItem(fresh, { mailboxId: "mb-c", heldAt: t(-14) });
      const b2 = await seedItem(fresh, { mailboxId: "mb-b", heldAt: t(-2) });
      const a2 = await seedItem(fresh, { mailboxId: "mb-a", heldAt: t(-61) });
      await seedItem(fresh, { mailboxId: "mb-b", heldAt: t(-100), state: "approved" });

      const queue = (filters: Record<string, string>) => listQueue(fresh.db, queueFiltersSchema.parse(filters), true, now);
      const first = await queue({ sort: "due" });
      expect(first.rows.map((r) => r.id)).toEqual([b1.id, a2.id, b2.id, a1.id, c1.id]);
      expect(first.rows[0]).toMatchObject({ dueAt: t(-5).toISOString(), slaMinutes: 10 });
      expect(first.rows.at(-1)).toMatchObject({ dueAt: null, slaMinutes: null });
      expect(first.counts.overdue).toBe(2);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await queue({ sort: "due", limit: "2", ...(cursor ? { cursor } : {}) });
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual([b1.id, a2.id, b2.id, a1.id, c1.id]);

      // Without the sort, and outside the Held tab, the queue keeps its hold order.
      expect((await queue({})).rows.map((r) => r.id)).toEqual([a2.id, a1.id, b1.id, c1.id, b2.id]);

      // Escalation: overdue and near breach (b2: 8 of 10 min left, within 5 min? no — within 20 %? no: 8 > max(2, 5)) …
      const escalated = await findNearBreach(fresh.db, now);
      expect(escalated.map((e) => [e.id, e.overdue])).toEqual([
        [b1.id, true],
        [a2.id, true],
      ]);
      // … returned once; b2 crosses 5 min left three minutes later.
      expect(await findNearBreach(fresh.db, now)).toEqual([]);
      const later = await findNearBreach(fresh.db, t(3));
      expect(later.map((e) => e.id)).toEqual([b2.id]);
      expect(later[0]).toMatchObject({ mailboxId: "mb-b", slaMinutes: 10, overdue: false, dueAt: t(8) });
      // a1 (60 min SLA): near breach at 20 % = 12 min before its due time.
      expect(await findNearBreach(fresh.db, t(17))).toEqual([]);
      expect((await findNearBreach(fresh.db, t(18))).map((e) => e.id)).toEqual([a1.id]);

      // A changed SLA gives a new due time, which may be escalated again.
      await setMailboxSla(fresh.db, { mailboxId: "mb-b", minutes: 20, actor: "Ada" });
      expect((await findNearBreach(fresh.db, t(3))).map((e) => e.id)).toEqual([b1.id]);
    } finally {
      await fresh.close();
    }
  });

  it("labels the countdown and its near-breach and breach levels", () => {
    const now = Date.UTC(2026, 2, 1, 12, 0);
    expect(slaStatus(new Date(now + 12 * minute), 60, now)).toEqual({ level: "near", minutes: 12, label: "12 min left" });
    expect(slaStatus(new Date(now + 13 * minute), 60, now)).toMatchObject({ level: "ok", label: "13 min left" });
    expect(slaStatus(new Date(now + 5 * minute), 10, now)).toMatchObject({ level: "near" });
    expect(slaStatus(new Date(now + 6 * minute), 10, now)).toMatchObject({ level: "ok" });
    expect(slaStatus(new Date(now - 5 * minute), 10, now)).toMatchObject({ level: "breached", label: "overdue 5 min" });
    expect(slaStatus(new Date(now - 20_000), 10, now)).toMatchObject({ level: "breached", label: "overdue <1 min" });
    expect(slaStatus(new Date(now + 150 * minute), 600, now)).toMatchObject({ label: "2 h 30 min left" });
    expect(slaStatus(null, 10, now)).toBeNull();
  });
});
