// Data retention on PGlite and PostgreSQL: bodies, revisions' bodies and transcripts of emails decided
// more than N days ago are replaced by a note and marked purged; decisions, audit and metadata stay;
// undecided or recently decided items and a call still needed by a kept item are untouched; batches are bounded.
import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbKinds, openTestDb } from "@/test/db";
import type { DbHandle } from "@/lib/db/client";
import { auditLog, decisions, emails, reviewItems, revisions, voiceTranscripts } from "@/lib/db/schema";
import { evaluateItem } from "@/lib/livekit/item-evidence";
import { BATCH, purgeExpired, purgedNote } from "./purge";

const DAY = 86_400_000;
const now = new Date("2026-11-30T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

describe.each(dbKinds())("data retention on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function seedItem(opts: { decidedDaysAgo: number | null; roomSid?: string; body?: string }) {
    const db = handle.db;
    const emailId = `em_${randomUUID()}`;
    const [item] = await db
      .insert(reviewItems)
      .values({
        rootEmailId: emailId,
        currentEmailId: emailId,
        mailboxId: "mb_retention",
        state: opts.decidedDaysAgo === null ? "pending" : "approved",
        subject: "Your appointment",
        fromAddress: "followups@clinic.example",
        toAddresses: ["pat@example.com"],
        preview: opts.body ?? "Tuesday at 3 PM",
        searchText: `your appointment pat@example.com ${opts.body ?? "tuesday at 3 pm"}`,
        heldAt: daysAgo((opts.decidedDaysAgo ?? 0) + 1),
        roomSid: opts.roomSid ?? null,
        decision: opts.decidedDaysAgo === null ? null : "approve",
        decidedBy: opts.decidedDaysAgo === null ? null : "ada@example.com",
        decidedAt: opts.decidedDaysAgo === null ? null : daysAgo(opts.decidedDaysAgo),
      })
      .returning({ id: reviewItems.id });
    await db.insert(emails).values({
      id: emailId,
      itemId: item!.id,
      mailboxId: "mb_retention",
      status: "sent",
      subject: "Your appointment",
      markdown: opts.body ?? "See you **Tuesday at 3 PM**.",
    });
    await db.insert(revisions).values({
      itemId: item!.id,
      number: 1,
      baseEmailId: emailId,
      subject: "Your appointment",
      markdown: "See you Wednesday.",
      toAddresses: ["pat@example.com"],
      contentHash: "x",
      author: "ada@example.com",
    });
    await db.insert(auditLog).values({ actor: "ada@example.com", action: "decision.recorded", itemId: item!.id, emailId, details: { action: "approve" } });
    return { itemId: item!.id, emailId };
  }

  async function seedTranscript(roomSid: string) {
    await handle.db.insert(voiceTranscripts).values({
      roomSid,
      jobId: "AJ_1",
      items: [{ id: "m1", type: "message", role: "user", content: ["My card ends in 4242"] }],
      itemCount: 1,
      bodySha256: randomUUID(),
    });
  }

  it("replaces old decided bodies and transcripts with a note and keeps everything else", async () => {
    const room = `RM_${randomUUID()}`;
    const sharedRoom = `RM_${randomUUID()}`;
    await seedTranscript(room);
    await seedTranscript(sharedRoom);
    const old = await seedItem({ decidedDaysAgo: 40, roomSid: room });
    const recent = await seedItem({ decidedDaysAgo: 5 });
    const held = await seedItem({ decidedDaysAgo: null });
    // The same call wrote two emails: one decided long ago, one still held; its transcript must stay.
    const oldShared = await seedItem({ decidedDaysAgo: 40, roomSid: sharedRoom });
    const heldShared = await seedItem({ decidedDaysAgo: null, roomSid: sharedRoom });

    const result = await purgeExpired(handle.db, 30, { now });
    expect(result).toMatchObject({ items: 2, emails: 2, revisions: 2, transcripts: 1 });

    const note = purgedNote(30);
    expect(note).toMatch(/^_Purged after 30 days/);
    const emailRows = await handle.db
      .select()
      .from(emails)
      .where(inArray(emails.id, [old.emailId, recent.emailId, held.emailId, oldShared.emailId, heldShared.emailId]));
    const byId = new Map(emailRows.map((e) => [e.id, e]));
    expect(byId.get(old.emailId)).toMatchObject({ markdown: note, purgedAt: now, subject: "Your appointment", status: "sent" });
    expect(byId.get(oldShared.emailId)!.markdown).toBe(note);
    for (const kept of [recent, held, heldShared]) expect(byId.get(kept.emailId)).toMatchObject({ markdown: "See you **Tuesday at 3 PM**.", purgedAt: null });

    const [oldItem] = await handle.db.select().from(reviewItems).where(eq(reviewItems.id, old.itemId));
    expect(oldItem).toMatchObject({
      purgedAt: now,
      preview: note,
      state: "approved",
      decidedBy: "ada@example.com",
      subject: "Your appointment",
      toAddresses: ["pat@example.com"],
    });
    expect(oldItem!.searchText).toContain("your appointment");
    expect(oldItem!.searchText).not.toContain("tuesday");
    const [oldRevision] = await handle.db.select().from(revisions).where(eq(revisions.itemId, old.itemId));
    expect(oldRevision).toMatchObject({ markdown: note, purgedAt: now });
    const [recentRevision] = await handle.db.select().from(revisions).where(eq(revisions.itemId, recent.itemId));
    expect(recentRevision).toMatchObject({ markdown: "See you Wednesday.", purgedAt: null });

    const [transcript] = await handle.db.select().from(voiceTranscripts).where(eq(voiceTranscripts.roomSid, room));
    expect(transcript!.purgedAt).toEqual(now);
    expect(JSON.stringify(transcript!.items)).not.toContain("4242");
    expect(transcript!.items).toEqual([{ id: "retention-note", type: "message", role: "system", content: [expect.stringMatching(/^Purged after 30 days/)] }]);
    const [shared] = await handle.db.select().from(voiceTranscripts).where(eq(voiceTranscripts.roomSid, sharedRoom));
    expect(shared!.purgedAt).toBeNull();
    expect(JSON.stringify(shared!.items)).toContain("4242");

    // Nothing is left to check the draft against: the evidence says nothing rather than "not said on the call".
    const evaluation = await evaluateItem(handle.db, old.itemId);
    expect(evaluation!.report).toMatchObject({ findings: [], transcriptAvailable: false });

    // The audit trail and the decision stay as they were.
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.itemId, old.itemId));
    expect(audits.map((a) => a.action)).toEqual(["decision.recorded"]);

    // A second pass finds nothing new; once the held email of the shared call is decided and old, its transcript goes too.
    expect(await purgeExpired(handle.db, 30, { now })).toMatchObject({ items: 0, transcripts: 0 });
    await handle.db
      .update(reviewItems)
      .set({ state: "rejected", decision: "reject", decidedAt: daysAgo(31) })
      .where(eq(reviewItems.id, heldShared.itemId));
    expect(await purgeExpired(handle.db, 30, { now })).toMatchObject({ items: 1, transcripts: 1 });
  });

  it("keeps an item whose decision is still on its way to MultiMail, or that went back to review", async () => {
    const undelivered = await seedItem({ decidedDaysAgo: 45 });
    await handle.db
      .insert(decisions)
      .values({ itemId: undelivered.itemId, emailId: undelivered.emailId, action: "approve", actor: "ada@example.com", delivery: "pending" });
    const backInReview = await seedItem({ decidedDaysAgo: 45 });
    await handle.db.update(reviewItems).set({ state: "pending" }).where(eq(reviewItems.id, backInReview.itemId));
    await purgeExpired(handle.db, 30, { now });
    const kept = await handle.db
      .select()
      .from(emails)
      .where(inArray(emails.id, [undelivered.emailId, backInReview.emailId]));
    expect(kept.map((e) => e.purgedAt)).toEqual([null, null]);
    // Once delivered, it goes on the next pass.
    await handle.db.update(decisions).set({ delivery: "delivered" }).where(eq(decisions.itemId, undelivered.itemId));
    expect((await purgeExpired(handle.db, 30, { now })).items).toBe(1);
  });

  it("works through a backlog in bounded batches", async () => {
    const seeded = [];
    for (let i = 0; i < BATCH + 5; i++) seeded.push(await seedItem({ decidedDaysAgo: 100 + i }));
    const first = await purgeExpired(handle.db, 30, { now, batches: 1 });
    expect(first.items).toBe(BATCH);
    const second = await purgeExpired(handle.db, 30, { now, batches: 1 });
    expect(second.items).toBe(5);
    // Oldest decision first: the first batch took the oldest BATCH.
    const [oldest] = await handle.db
      .select()
      .from(reviewItems)
      .where(eq(reviewItems.id, seeded.at(-1)!.itemId));
    expect(oldest!.purgedAt).toEqual(now);
  }, 120_000);
});
