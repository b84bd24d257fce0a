// Stale holds, computed on read: a held email whose contact (a recipient, or the caller it was
// written for) wrote in or called again after the draft was written. Approving one needs an
// explicit acknowledgement (assert-stale-acknowledged.ts); products.md §H.7.
import { and, eq, gt, inArray, notInArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { readAll } from "@/lib/db/read-all";
import { emails, reviewItems } from "@/lib/db/schema";
import { addressOf } from "./addresses";
import { sessionsOfContacts } from "./contact-sessions";
import type { NewerActivity } from "./schemas";

type ItemRow = typeof reviewItems.$inferSelect;

export interface StaleHold {
  draftedAt: Date;
  /** Newest first. */
  newer: NewerActivity[];
}

/** Inbound mail that is not the contact writing (spam is left out). */
const NOT_A_REPLY = ["spam_flagged", "spam_quarantined", "deleted"];
const MAX_NEWER = 5;

export function contactsOf(item: Pick<ItemRow, "toAddresses" | "callerEmail">): string[] {
  const all = [...item.toAddresses, item.callerEmail].map(addressOf).filter((a): a is string => a !== null);
  return [...new Set(all)];
}

export async function findStaleHolds(db: Db, items: readonly ItemRow[]): Promise<Map<string, StaleHold>> {
  const held = items.filter((i) => i.state === "pending");
  if (held.length === 0) return new Map();
  // When the current draft was written: a re-sent edit or a reply is newer than the item.
  const current = await db
    .select({ id: emails.id, receivedAt: emails.receivedAt })
    .from(emails)
    .where(
      inArray(
        emails.id,
        held.map((i) => i.currentEmailId),
      ),
    );
  const writtenAt = new Map(current.map((c) => [c.id, c.receivedAt]));
  const drafted = new Map(
    held.map((i) => {
      const at = writtenAt.get(i.currentEmailId);
      return [i.id, at && at > i.heldAt ? at : i.heldAt] as const;
    }),
  );
  const contacts = new Map(held.map((i) => [i.id, contactsOf(i)]));
  const addresses = [...new Set([...contacts.values()].flat())];
  if (addresses.length === 0) return new Map();
  const earliest = new Date(Math.min(...[...drafted.values()].map((d) => d.getTime())));

  const [inbound, sessions] = await readAll(db, [
    () =>
      db
        .select({
          id: emails.id,
          mailboxId: emails.mailboxId,
          threadId: emails.threadId,
          from: emails.fromAddress,
          subject: emails.subject,
          receivedAt: emails.receivedAt,
        })
        .from(emails)
        .where(
          and(
            eq(emails.direction, "inbound"),
            gt(emails.receivedAt, earliest),
            notInArray(emails.status, NOT_A_REPLY),
            // The sender address normalised on write: an index lookup per contact (drizzle/0007).
            inArray(emails.fromContact, addresses),
          ),
        )
        .limit(500),
    () => sessionsOfContacts(db, addresses),
  ] as const);

  const result = new Map<string, StaleHold>();
  for (const item of held) {
    const since = drafted.get(item.id)!;
    const mine = new Set(contacts.get(item.id));
    const newer: (NewerActivity & { time: number })[] = [];
    for (const e of inbound) {
      const from = addressOf(e.from);
      if (!from || !mine.has(from) || !e.receivedAt || e.receivedAt <= since) continue;
      newer.push({
        kind: "reply",
        at: e.receivedAt.toISOString(),
        emailId: e.id,
        mailboxId: e.mailboxId,
        threadId: e.threadId,
        from,
        subject: e.subject,
        time: e.receivedAt.getTime(),
      });
    }
    for (const s of sessions) {
      if (!mine.has(s.address) || s.roomSid === item.roomSid || !s.startedAt || s.startedAt <= since) continue;
      newer.push({ kind: "call", at: s.startedAt.toISOString(), roomSid: s.roomSid, caller: s.caller ?? s.address, time: s.startedAt.getTime() });
    }
    if (newer.length === 0) continue;
    newer.sort((a, b) => b.time - a.time);
    result.set(item.id, { draftedAt: since, newer: newer.slice(0, MAX_NEWER).map(({ time: _time, ...n }) => n) });
  }
  return result;
}
