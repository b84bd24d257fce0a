// The queue's reads on a real database: the Edited tab lists every item that has an edit, whatever
// its state now, pages by keyset like every other tab, and its count matches what it lists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { reviewItems, revisions } from "@/lib/db/schema";
import { dbKinds, openTestDb } from "@/test/db";
import { COUNT_LIMIT, listQueue } from "./data";
import { queueFiltersSchema } from "./schemas";
import { searchTextOf } from "@/lib/text/search-text";
import type { ItemState } from "./state";

const start = Date.UTC(2026, 0, 5, 9);

describe.each(dbKinds())("the queue's Edited tab on %s", (kind) => {
  let handle: DbHandle;
  const ids: Record<string, string> = {};

  async function seed(name: string, state: ItemState, edits: number, mailboxId = "mb-edited") {
    const n = Object.keys(ids).length;
    const [item] = await handle.db
      .insert(reviewItems)
      .values({
        rootEmailId: `em-${name}`,
        currentEmailId: `em-${name}`,
        mailboxId,
        state,
        subject: `Subject ${name}`,
        searchText: searchTextOf({ subject: `Subject ${name}`, from: "", to: [], markdown: "" }),
        heldAt: new Date(start + n * 60_000),
      })
      .returning({ id: reviewItems.id });
    ids[name] = item!.id;
    for (let number = 1; number <= edits; number++) {
      await handle.db.insert(revisions).values({
        itemId: item!.id,
        number,
        baseEmailId: `em-${name}`,
        subject: `Subject ${name} v${number}`,
        markdown: "Edited",
        toAddresses: ["caller@example.com"],
        contentHash: `h-${name}-${number}`,
        author: "Rita",
      });
    }
  }

  beforeAll(async () => {
    handle = await openTestDb(kind);
    await seed("held", "pending", 0);
    await seed("approvedAfterMatch", "approved", 1);
    await seed("backAfterMismatch", "pending", 2);
    await seed("decidedElsewhere", "decided_elsewhere", 1);
    await seed("resending", "edited", 1);
    await seed("approvedAsIs", "approved", 0);
    await seed("otherMailbox", "rejected", 1, "mb-other");
  });
  afterAll(async () => handle?.close());

  const queue = (filters: Record<string, string>) => listQueue(handle.db, queueFiltersSchema.parse(filters), true);

  it("lists every item with a revision, whatever its state now, oldest first", async () => {
    const page = await queue({ state: "edited" });
    expect(page.rows.map((r) => r.id)).toEqual([ids.approvedAfterMatch, ids.backAfterMismatch, ids.decidedElsewhere, ids.resending, ids.otherMailbox]);
    expect(page.rows.map((r) => r.state)).toEqual(["approved", "pending", "decided_elsewhere", "edited", "rejected"]);
    expect(page.nextCursor).toBeNull();
  });

  it("counts edited items once each, and the re-sends still on their way apart", async () => {
    const { counts } = await queue({});
    expect(counts).toEqual({ pending: 2, edited: 5, resending: 1, overdue: 0, matching: 2, limit: COUNT_LIMIT });
  });

  it("pages the Edited tab by keyset without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queue({ state: "edited", limit: "2", ...(cursor ? { cursor } : {}) });
      expect(page.rows.length).toBeLessThanOrEqual(2);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([ids.approvedAfterMatch, ids.backAfterMismatch, ids.decidedElsewhere, ids.resending, ids.otherMailbox]);
  });

  it("combines with the mailbox filter and search, and leaves the other tabs as they were", async () => {
    expect((await queue({ state: "edited", mailbox: "mb-other" })).rows.map((r) => r.id)).toEqual([ids.otherMailbox]);
    expect((await queue({ state: "edited", q: "no such subject" })).rows.map((r) => r.id)).toEqual([]);
    expect((await queue({ state: "edited", q: "Subject backAfter" })).rows.map((r) => r.id)).toEqual([ids.backAfterMismatch]);
    expect((await queue({ state: "pending" })).rows.map((r) => r.id)).toEqual([ids.held, ids.backAfterMismatch]);
    expect((await queue({ state: "approved" })).rows.map((r) => r.id)).toEqual([ids.approvedAfterMatch, ids.approvedAsIs]);
  });
});
