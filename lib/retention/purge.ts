// Data retention (RETENTION_DAYS): once an email was decided that many days ago, its body, its
// revisions' bodies and its call's transcript are replaced by a short note, and the rows are marked
// purged_at. Decisions, the audit log and metadata (subject, addresses, times, who decided) stay.
// Bounded: one pass takes at most `batches` batches of BATCH items, each its own transaction, oldest
// decision first through review_items_retention_idx, so a first run on a large backlog catches up
// over several passes without holding locks or memory.
import { and, inArray, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails, reviewItems, revisions, voiceTranscripts } from "@/lib/db/schema";

export const BATCH = 200;

/** What a reader sees in place of a purged body. */
export function purgedNote(days: number): string {
  return `_Purged after ${days} day${days === 1 ? "" : "s"}: this content was removed under the data retention policy._`;
}

export interface PurgeResult {
  items: number;
  emails: number;
  revisions: number;
  transcripts: number;
}

/** Purges up to `batches` × BATCH decided items older than `days` days; returns what it cleared. */
export async function purgeExpired(db: Db, days: number, { batches = 5, now = new Date() }: { batches?: number; now?: Date } = {}): Promise<PurgeResult> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const note = purgedNote(days);
  const total: PurgeResult = { items: 0, emails: 0, revisions: 0, transcripts: 0 };
  for (let batch = 0; batch < batches; batch++) {
    const done = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: reviewItems.id, roomSid: reviewItems.roomSid })
        .from(reviewItems)
        .where(
          and(
            isNotNull(reviewItems.decidedAt),
            isNull(reviewItems.purgedAt),
            lt(reviewItems.decidedAt, cutoff),
            // Only settled items: not back in review, and no decision still on its way to MultiMail.
            ne(reviewItems.state, "pending"),
            sql`not exists (select 1 from decisions d where d.item_id = ${reviewItems.id} and d.delivery = 'pending')`,
          ),
        )
        .orderBy(reviewItems.decidedAt)
        .limit(BATCH)
        // Another instance (or a decision being undone) keeps its rows; they come in a later pass.
        .for("update", { skipLocked: true });
      if (due.length === 0) return 0;
      const ids = due.map((d) => d.id);
      const purgedAt = now;
      const clearedEmails = await tx
        .update(emails)
        .set({ markdown: note, purgedAt })
        .where(and(inArray(emails.itemId, ids), isNull(emails.purgedAt)))
        .returning({ id: emails.id });
      const clearedRevisions = await tx
        .update(revisions)
        .set({ markdown: note, purgedAt })
        .where(and(inArray(revisions.itemId, ids), isNull(revisions.purgedAt)))
        .returning({ id: revisions.id });
      // The preview and the search text held the body too: keep subject and addresses searchable.
      await tx
        .update(reviewItems)
        .set({
          purgedAt,
          preview: note,
          searchText: sql`lower(concat_ws(' ', ${reviewItems.subject}, ${reviewItems.fromAddress}, array_to_string(${reviewItems.toAddresses}, ' '), ${reviewItems.callerName}, ${reviewItems.callerEmail}))`,
        })
        .where(inArray(reviewItems.id, ids));
      // A call's transcript goes once no item of that call is still kept (undecided, or decided later).
      const rooms = [...new Set(due.map((d) => d.roomSid).filter((r): r is string => Boolean(r)))];
      let clearedTranscripts = 0;
      if (rooms.length > 0) {
        const cleared = await tx
          .update(voiceTranscripts)
          .set({ items: [{ id: "retention-note", type: "message", role: "system", content: [note.replace(/_/g, "")] }], purgedAt })
          .where(
            and(
              inArray(voiceTranscripts.roomSid, rooms),
              isNull(voiceTranscripts.purgedAt),
              // This batch's items are marked above, so only items kept elsewhere hold the transcript back.
              sql`not exists (select 1 from review_items r where r.room_sid = voice_transcripts.room_sid and r.purged_at is null)`,
            ),
          )
          .returning({ id: voiceTranscripts.id });
        clearedTranscripts = cleared.length;
      }
      total.items += due.length;
      total.emails += clearedEmails.length;
      total.revisions += clearedRevisions.length;
      total.transcripts += clearedTranscripts;
      return due.length;
    });
    if (done < BATCH) break;
  }
  return total;
}
