// What admins see under "Needs attention", on a real database: only what still needs them, in a stable
// order, paged by keyset without gaps or repeats, even among rows stored in the same microsecond.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { decisions, emails, reviewItems, webhookDeliveries } from "@/lib/db/schema";
import { dbKinds, openTestDb } from "@/test/db";
import { listItemsNeedingAttention, listRefusedDecisions, listWebhookBacklog, type AttentionParams } from "./attention-data";
import type { AttentionList } from "./schemas";
import type { ItemState } from "./state";

const start = Date.UTC(2024, 2, 2, 8);

async function all<T extends { id: string }>(read: (params: AttentionParams) => Promise<AttentionList<T>>, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: AttentionList<T> = await read({ cursor, limit });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 20);
  return { ids, pages };
}

describe.each(dbKinds())("needs attention on %s", (kind) => {
  let handle: DbHandle;
  const items: Record<string, string> = {};

  async function item(name: string, state: ItemState, attention: string | null, minutes: number) {
    const [row] = await handle.db
      .insert(reviewItems)
      .values({
        rootEmailId: `em-${name}`,
        currentEmailId: `em-${name}`,
        mailboxId: "mb",
        state,
        attention,
        subject: `Subject ${name}`,
        heldAt: new Date(start + minutes * 60_000),
      })
      .returning({ id: reviewItems.id });
    items[name] = row!.id;
    await handle.db.insert(emails).values({ id: `em-${name}`, itemId: row!.id, mailboxId: "mb", status: "pending_send_approval", subject: `Subject ${name}` });
    return row!.id;
  }

  beforeAll(async () => {
    handle = await openTestDb(kind);
    await item("refusedTwice", "pending", "MultiMail refused the approval and still holds this email: “not pending”. Decide again, or ask an admin.", 0);
    await item("mismatch", "pending", "The re-sent email does not match revision 1.", 1);
    await item("fine", "pending", null, 2);
    await item("approved", "approved", null, 3);
    await item("laterRefused", "pending", "MultiMail refused the rejection.", 3);

    const db = handle.db;
    await db.insert(webhookDeliveries).values([
      { source: "multimail", dedupeKey: "done", eventType: "oversight.pending", subjectId: "em-fine", payload: {}, processedAt: new Date() },
      {
        source: "multimail",
        dedupeKey: "failing",
        eventType: "oversight.bounced",
        subjectId: "em-mismatch",
        payload: {},
        attempts: 3,
        error: "GET /v1/emails → 500",
        nextAttemptAt: new Date(start + 60_000),
      },
      { source: "multimail", dedupeKey: "unknown-email", eventType: "oversight.pending", subjectId: "em-never-synced", payload: {}, nextAttemptAt: new Date(start) },
    ]);
    // Three recorded in one statement share one now(): the keyset must still page through them.
    await db
      .insert(webhookDeliveries)
      .values(["a", "b", "c"].map((k) => ({ source: "multimail", dedupeKey: `same-${k}`, eventType: "message.received", subjectId: null, payload: {} })));

    await db.insert(decisions).values([
      {
        itemId: items.refusedTwice!,
        emailId: "em-refusedTwice",
        action: "approve",
        actor: "Rita Reviewer",
        delivery: "failed",
        attempts: 3,
        lastError: "Email is not pending approval",
        createdAt: new Date(start + 10 * 60_000),
      },
      {
        itemId: items.refusedTwice!,
        emailId: "em-refusedTwice",
        action: "approve",
        actor: "Sam Second",
        delivery: "failed",
        attempts: 3,
        lastError: "Still not pending",
        createdAt: new Date(start + 20 * 60_000),
      },
      {
        itemId: items.laterRefused!,
        emailId: "em-laterRefused",
        action: "reject",
        actor: "Rita Reviewer",
        delivery: "failed",
        attempts: 4,
        lastError: "Bad request",
        createdAt: new Date(start + 20 * 60_000),
      },
      { itemId: items.approved!, emailId: "em-approved", action: "approve", actor: "Rita Reviewer", delivery: "delivered", attempts: 1 },
      { itemId: items.fine!, emailId: "em-fine", action: "approve", actor: "Rita Reviewer", delivery: "pending" },
    ]);
  });
  afterAll(async () => handle?.close());

  it("lists webhook deliveries not applied yet, next due first, with their email's item when there is one", async () => {
    const { rows, nextCursor } = await listWebhookBacklog(handle.db);
    expect(rows.map((r) => r.eventType)).toEqual(["oversight.pending", "oversight.bounced", "message.received", "message.received", "message.received"]);
    expect(rows[0]).toMatchObject({ emailId: "em-never-synced", itemId: null, attempts: 0, lastError: null });
    expect(rows[1]).toMatchObject({
      emailId: "em-mismatch",
      itemId: items.mismatch,
      attempts: 3,
      lastError: "GET /v1/emails → 500",
      nextAttemptAt: new Date(start + 60_000).toISOString(),
    });
    expect(nextCursor).toBeNull();
  });

  it("pages the webhook backlog without gaps or repeats among rows stored in the same microsecond", async () => {
    const everything = (await listWebhookBacklog(handle.db)).rows.map((r) => r.id);
    const paged = await all((p) => listWebhookBacklog(handle.db, p), 2);
    expect(paged).toEqual({ ids: everything, pages: 3 });
  });

  it("lists refused decisions newest first with the email's subject, and not delivered or queued ones", async () => {
    const { rows } = await listRefusedDecisions(handle.db);
    expect(rows).toHaveLength(3);
    expect(rows.at(-1)).toMatchObject({
      actor: "Rita Reviewer",
      action: "approve",
      itemId: items.refusedTwice,
      itemState: "pending",
      decidedAt: new Date(start + 10 * 60_000).toISOString(),
    });
    // Two refused at the same time: the id breaks the tie, so the order is stable either way round.
    expect(new Set(rows.slice(0, 2).map((r) => `${r.subject}: ${r.lastError}`))).toEqual(
      new Set(["Subject refusedTwice: Still not pending", "Subject laterRefused: Bad request"]),
    );
    const paged = await all((p) => listRefusedDecisions(handle.db, p), 1);
    expect(paged).toEqual({ ids: rows.map((r) => r.id), pages: 3 });
  });

  it("lists pending items that carry a reason, oldest first", async () => {
    const { rows } = await listItemsNeedingAttention(handle.db);
    expect(rows.map((r) => r.id)).toEqual([items.refusedTwice, items.mismatch, items.laterRefused]);
    expect(rows[1]).toMatchObject({ subject: "Subject mismatch", attention: "The re-sent email does not match revision 1." });
    expect(await all((p) => listItemsNeedingAttention(handle.db, p), 2)).toEqual({ ids: rows.map((r) => r.id), pages: 2 });
  });

  it("treats a cursor that is not one of its own as the first page", async () => {
    const first = await listItemsNeedingAttention(handle.db, { limit: 1 });
    expect((await listItemsNeedingAttention(handle.db, { limit: 1, cursor: "not-a-cursor" })).rows).toEqual(first.rows);
    expect((await listItemsNeedingAttention(handle.db, { limit: 1, cursor: Buffer.from("1' or 1=1|x").toString("base64url") })).rows).toEqual(first.rows);
  });
});
