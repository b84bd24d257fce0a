// The held emails before and after one in the queue's order (held time, then id): what `k` and `j`
// open on the review page, part of the item's detail so a prefetched email knows its neighbours.
// One indexed step each way (review_items' pending index on held_at, id).
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { reviewItems } from "@/lib/db/schema";

export interface Neighbours {
  previousItemId: string | null;
  nextItemId: string | null;
}

export async function neighboursOf(db: Db, item: { heldAt: Date; id: string }): Promise<Neighbours> {
  const at = sql`(${item.heldAt.toISOString()}::timestamptz, ${item.id}::uuid)`;
  const [previous, next] = await Promise.all([
    db
      .select({ id: reviewItems.id })
      .from(reviewItems)
      .where(and(eq(reviewItems.state, "pending"), sql`(${reviewItems.heldAt}, ${reviewItems.id}) < ${at}`))
      .orderBy(desc(reviewItems.heldAt), desc(reviewItems.id))
      .limit(1),
    db
      .select({ id: reviewItems.id })
      .from(reviewItems)
      .where(and(eq(reviewItems.state, "pending"), sql`(${reviewItems.heldAt}, ${reviewItems.id}) > ${at}`))
      .orderBy(asc(reviewItems.heldAt), asc(reviewItems.id))
      .limit(1),
  ]);
  return { previousItemId: previous[0]?.id ?? null, nextItemId: next[0]?.id ?? null };
}
