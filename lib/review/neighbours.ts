// The held emails before and after one in the queue's order (held time, then id): what `k` and `j`
// open on the review page. One indexed step each way (review_items' pending index on held_at, id).
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { reviewItems } from "@/lib/db/schema";

export interface Neighbours {
  previousItemId: string | null;
  nextItemId: string | null;
}

export async function getNeighbours(db: Db, itemId: string): Promise<Neighbours> {
  if (!/^[0-9a-f-]{36}$/i.test(itemId)) return { previousItemId: null, nextItemId: null };
  const [item] = await db.select({ heldAt: reviewItems.heldAt, id: reviewItems.id }).from(reviewItems).where(eq(reviewItems.id, itemId));
  if (!item) return { previousItemId: null, nextItemId: null };
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
