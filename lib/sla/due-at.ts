// The due time of a held email under its mailbox's SLA (lib/review/sla.ts has the rules and the
// escalation contract): coalesce(the call's end, the hold time) + mailboxes.sla_minutes, stored on
// the review item so sorting and counting read an index. Written here, below lib/review and
// lib/livekit, because both recompute it: an item's sync, its session's end, an SLA change.
import { and, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { mailboxes, reviewItems } from "@/lib/db/schema";

/** The sort key of "Due first" (the expression of review_items_held_due_idx): items without an SLA last. */
export const dueKey = sql`coalesce(${reviewItems.dueAt}, 'infinity'::timestamptz)`;

/** The due time of an item of this mailbox, held at this time, naming this room: null without an SLA. */
function dueAtOf(item: { roomSid: unknown; heldAt: unknown; mailboxId: unknown }): SQL {
  return sql`(
  select coalesce(
      (select vs.ended_at from voice_sessions vs where vs.room_sid = ${item.roomSid}),
      ${item.heldAt}
    ) + m.sla_minutes * interval '1 minute'
  from ${mailboxes} m
  where m.id = ${item.mailboxId}
)`;
}

/** The due time of the review_items row being updated, from its mailbox's SLA and its session's end. */
const dueExpression = dueAtOf(reviewItems);

/** The due time of an item about to be inserted (its mailbox row written first). */
export function newItemDueAt(item: { roomSid: string | null; heldAt: Date; mailboxId: string }): SQL {
  return dueAtOf({ roomSid: item.roomSid, heldAt: sql`${item.heldAt.toISOString()}::timestamptz`, mailboxId: item.mailboxId });
}

/**
 * Recomputes the due time of the items matching `where` (in the caller's transaction); a due time
 * that changes clears the escalation mark. Returns the ids whose due time changed.
 */
export async function refreshDueAt(tx: Db, where: SQL): Promise<string[]> {
  const rows = await tx
    .update(reviewItems)
    .set({ dueAt: sql`${dueExpression}`, escalatedAt: null })
    .where(and(where, sql`${reviewItems.dueAt} is distinct from ${dueExpression}`))
    .returning({ id: reviewItems.id });
  return rows.map((r) => r.id);
}

/** Recomputes the due time of these items; see refreshDueAt. */
export async function refreshItemsDueAt(tx: Db, itemIds: string[]): Promise<string[]> {
  if (itemIds.length === 0) return [];
  return refreshDueAt(tx, inArray(reviewItems.id, itemIds));
}
