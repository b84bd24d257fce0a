// `j` and `k` on the review page: the held emails before and after one, in the queue's order
// (held time, then id), skipping whatever is decided.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { reviewItems } from "@/lib/db/schema";
import { dbKinds, openTestDb } from "@/test/db";
import { neighboursOf } from "./neighbours";
import type { ItemState } from "./state";

const start = Date.UTC(2026, 1, 2, 9);

describe.each(dbKinds())("queue neighbours on %s", (kind) => {
  let handle: DbHandle;
  const ids: Record<string, string> = {};
  const rows: Record<string, { id: string; heldAt: Date }> = {};

  async function seed(name: string, state: ItemState, minute: number) {
    const [item] = await handle.db
      .insert(reviewItems)
      .values({ rootEmailId: `em-nb-${name}`, currentEmailId: `em-nb-${name}`, mailboxId: "mb-nb", state, heldAt: new Date(start + minute * 60_000) })
      .returning({ id: reviewItems.id, heldAt: reviewItems.heldAt });
    ids[name] = item!.id;
    rows[name] = item!;
  }

  beforeAll(async () => {
    handle = await openTestDb(kind);
    await seed("first", "pending", 0);
    await seed("decided", "approved", 1);
    await seed("middle", "pending", 2);
    await seed("last", "pending", 3);
  });
  afterAll(async () => handle?.close());

  it("steps over decided emails both ways, and stops at the ends", async () => {
    expect(await neighboursOf(handle.db, rows.middle!)).toEqual({ previousItemId: ids.first, nextItemId: ids.last });
    expect(await neighboursOf(handle.db, rows.first!)).toMatchObject({ previousItemId: null, nextItemId: ids.middle });
    expect(await neighboursOf(handle.db, rows.last!)).toMatchObject({ previousItemId: ids.middle, nextItemId: null });
    // A decided email still has its place in the order.
    expect(await neighboursOf(handle.db, rows.decided!)).toEqual({ previousItemId: ids.first, nextItemId: ids.middle });
  });
});
