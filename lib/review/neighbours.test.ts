// `j` and `k` on the review page: the held emails before and after one, in the queue's order
// (held time, then id), skipping whatever is decided.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { reviewItems } from "@/lib/db/schema";
import { dbKinds, openTestDb } from "@/test/db";
import { getNeighbours } from "./neighbours";
import type { ItemState } from "./state";

const start = Date.UTC(2026, 1, 2, 9);

describe.each(dbKinds())("queue neighbours on %s", (kind) => {
  let handle: DbHandle;
  const ids: Record<string, string> = {};

  async function seed(name: string, state: ItemState, minute: number) {
    const [item] = await handle.db
      .insert(reviewItems)
      .values({ rootEmailId: `em-nb-${name}`, currentEmailId: `em-nb-${name}`, mailboxId: "mb-nb", state, heldAt: new Date(start + minute * 60_000) })
      .returning({ id: reviewItems.id });
    ids[name] = item!.id;
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
    expect(await getNeighbours(handle.db, ids.middle!)).toEqual({ previousItemId: ids.first, nextItemId: ids.last });
    expect(await getNeighbours(handle.db, ids.first!)).toMatchObject({ previousItemId: null, nextItemId: ids.middle });
    expect(await getNeighbours(handle.db, ids.last!)).toMatchObject({ previousItemId: ids.middle, nextItemId: null });
    // A decided email still has its place in the order.
    expect(await getNeighbours(handle.db, ids.decided!)).toEqual({ previousItemId: ids.first, nextItemId: ids.middle });
  });

  it("answers nothing for an unknown or malformed id", async () => {
    expect(await getNeighbours(handle.db, "00000000-0000-4000-8000-000000000000")).toEqual({ previousItemId: null, nextItemId: null });
    expect(await getNeighbours(handle.db, "not-an-id")).toEqual({ previousItemId: null, nextItemId: null });
  });
});
