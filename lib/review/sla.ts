// Per-mailbox SLAs: "decide within N minutes of the call's end" (the hold time when the email has no
// voice session). Each review item stores its due time (review_items.due_at) so "Due first", the
// overdue count and escalation read an index (review_items_held_due_idx) at any queue size.
//
// Due time = coalesce(voice_sessions.ended_at of the item's room, review_items.held_at)
//            + mailboxes.sla_minutes; null when the mailbox has no SLA.
// It is recomputed when an item is created or synced and when its session links or ends
// (lib/livekit/link-session.ts), and for a mailbox's held items when an admin changes its SLA
// (the computation itself: lib/sla/due-at.ts).
//
// Escalation contract — findNearBreach(db, now):
// - Returns held (pending) items whose due time is at most max(20 % of the SLA window, 5 min)
//   after `now` — including items already overdue — and that were not escalated yet for that due time.
// - Marks each returned item (review_items.escalated_at = now) in the same statement, so every item
//   is returned once: a second call, or a concurrent caller on another instance, does not return
//   it again. A changed due time (SLA edited, the call's end arrived) clears the mark, so the item
//   can be escalated again for its new due time.
// - Returns at most `limit` items (default 200), most urgent first; call again until it returns
//   fewer than the limit. The caller notifies; a failed notification is not retried by this module.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { mailboxes, reviewItems } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { publishChange } from "@/lib/realtime/events";
import { dueKey, refreshDueAt, refreshItemsDueAt } from "@/lib/sla/due-at";
import { NEAR_BREACH_MINUTES, NEAR_BREACH_SHARE } from "./sla-status";

/** The longest SLA an admin can set: 30 days. */
export const MAX_SLA_MINUTES = 30 * 24 * 60;

export { dueKey, refreshDueAt, refreshItemsDueAt };

export interface MailboxSla {
  id: string;
  label: string;
  slaMinutes: number | null;
}

/** Every known mailbox with its SLA (Settings). */
export async function listMailboxSlas(db: Db): Promise<MailboxSla[]> {
  const rows = await db.select().from(mailboxes);
  return rows
    .map((m) => ({ id: m.id, label: m.displayName ? `${m.displayName} <${m.address}>` : m.address || m.id, slaMinutes: m.slaMinutes }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * Sets (or with null, removes) a mailbox's SLA and recomputes the due time of its held items, in
 * one transaction with an audit entry. Returns how many held items got a new due time.
 */
export async function setMailboxSla(db: Db, input: { mailboxId: string; minutes: number | null; actor: string }): Promise<{ updated: number }> {
  const { minutes } = input;
  if (minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SLA_MINUTES)) {
    throw new AppError("validation", `An SLA is a whole number of minutes from 1 to ${MAX_SLA_MINUTES.toLocaleString("en-US")} (30 days).`);
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(mailboxes).where(eq(mailboxes.id, input.mailboxId)).for("update");
    if (!before) throw new AppError("not_found", "This mailbox is not known to Countersign.");
    await tx.update(mailboxes).set({ slaMinutes: minutes }).where(eq(mailboxes.id, input.mailboxId));
    const changed = await refreshDueAt(tx, and(eq(reviewItems.mailboxId, input.mailboxId), eq(reviewItems.state, "pending"))!);
    await appendAudit(tx, {
      actor: input.actor,
      action: "sla.changed",
      details: { mailboxId: input.mailboxId, address: before.address, from: before.slaMinutes, to: minutes, heldItemsUpdated: changed.length },
    });
    if (changed.length > 0) await publishChange(tx, { type: "item.updated" });
    return { updated: changed.length };
  });
}

export interface NearBreachItem {
  id: string;
  mailboxId: string;
  subject: string;
  dueAt: Date;
  slaMinutes: number;
  /** True when the due time has already passed. */
  overdue: boolean;
}

/** See the contract at the top of this file. */
export async function findNearBreach(db: Db, now: Date = new Date(), limit = 200): Promise<NearBreachItem[]> {
  const at = now.toISOString();
  // The widest lead any mailbox has bounds the index range; each item is then checked against its own.
  const lead = sql`greatest(m.sla_minutes * ${NEAR_BREACH_SHARE}::float8 * interval '1 minute', ${NEAR_BREACH_MINUTES}::float8 * interval '1 minute')`;
  const result = await db.execute(sql`
    with candidates as (
      select ri.id, m.sla_minutes
      from ${reviewItems} ri
      join ${mailboxes} m on m.id = ri.mailbox_id
      where ri.state = 'pending'
        and coalesce(ri.due_at, 'infinity'::timestamptz) <= ${at}::timestamptz + (select max(${lead}) from ${mailboxes} m where m.sla_minutes is not null)
        and ri.escalated_at is null
        and ri.due_at - ${lead} <= ${at}::timestamptz
      order by coalesce(ri.due_at, 'infinity'::timestamptz), ri.id
      limit ${limit}
      for update of ri skip locked
    )
    update ${reviewItems} set escalated_at = ${at}::timestamptz
    from candidates
    where ${reviewItems.id} = candidates.id and ${reviewItems.escalatedAt} is null
    returning ${reviewItems.id} as id, ${reviewItems.mailboxId} as mailbox_id, ${reviewItems.subject} as subject, ${reviewItems.dueAt} as due_at, candidates.sla_minutes as sla_minutes
  `);
  return rowsOf<{ id: string; mailbox_id: string; subject: string; due_at: string | Date; sla_minutes: number }>(result)
    .map((r) => {
      const dueAt = new Date(r.due_at);
      return { id: r.id, mailboxId: r.mailbox_id, subject: r.subject, dueAt, slaMinutes: Number(r.sla_minutes), overdue: dueAt.getTime() <= now.getTime() };
    })
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
}

/** node-postgres returns { rows }, PGlite's drizzle driver too; accept a bare array as well. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
