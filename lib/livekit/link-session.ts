// Ties held emails to voice sessions, whichever arrives first: an email names its session in
// metadata or tags (a room sid, or only a room name), and a session's webhooks or transcript may
// come before or after it. Every change re-counts the email's findings for the queue.
import { and, desc, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { reviewItems, voiceSessions } from "@/lib/db/schema";
import type { SessionLink } from "@/lib/multimail/session-link";
import { publishChange } from "@/lib/realtime/events";
import { refreshItemsDueAt } from "@/lib/sla/due-at";
import { countFindings, evaluateItem } from "./item-evidence";
import { searchTextOf } from "@/lib/text/search-text";

/** A room that started up to this long after the email was held is still "its" room (clock skew). */
const START_SLACK_MS = 5 * 60_000;

/** The review-item columns an email's session link fills in. */
export function sessionColumns(link: SessionLink): { roomSid: string | null; roomName: string | null; jobId: string | null } {
  return { roomSid: link.roomSid, roomName: link.roomName, jobId: link.jobId };
}

/**
 * The room sid an email means when it names only a room: the latest room of that name that had
 * started by the time the email was held (names are reused, sids are not; livekit.md §4).
 */
export async function resolveRoomSid(db: Db, ref: { roomName: string; heldAt: Date }): Promise<string | null> {
  const latest = new Date(ref.heldAt.getTime() + START_SLACK_MS);
  const [row] = await db
    .select({ roomSid: voiceSessions.roomSid })
    .from(voiceSessions)
    .where(and(eq(voiceSessions.roomName, ref.roomName), or(isNull(voiceSessions.startedAt), lte(voiceSessions.startedAt, latest))))
    .orderBy(sql`${voiceSessions.startedAt} desc nulls last`, desc(voiceSessions.createdAt))
    .limit(1);
  return row?.roomSid ?? null;
}

/**
 * Brings one item's session link and findings count up to date with its current email and
 * whatever is stored about its session. Locks the item row, so two updates cannot cross.
 */
export async function syncItemSession(db: Db, itemId: string): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const first = await evaluateItem(tx, itemId, { lock: true });
    if (!first) return { changed: false };
    const { item, link } = first;
    // Tags may name the session only after the email was held (agents tag after the send returns).
    const next = {
      roomSid: item.roomSid ?? link.roomSid,
      roomName: item.roomName ?? link.roomName,
      jobId: item.jobId ?? link.jobId,
      sessionId: item.sessionId ?? link.sessionId ?? link.roomSid ?? link.roomName,
      callerEmail: item.callerEmail ?? link.callerEmail,
      callerName: item.callerName ?? link.callerName,
    };
    if (!next.roomSid && next.roomName) next.roomSid = await resolveRoomSid(tx, { roomName: next.roomName, heldAt: item.heldAt });
    const relinked = (Object.keys(next) as (keyof typeof next)[]).some((key) => next[key] !== item[key]);
    // A caller named late is searchable like one named at once (search-text.ts).
    const callerChanged = next.callerName !== item.callerName || next.callerEmail !== item.callerEmail;
    const { email } = first;
    const searchText = callerChanged
      ? searchTextOf({
          subject: email.subject,
          from: email.fromAddress,
          to: email.toAddresses,
          markdown: email.markdown,
          callerName: next.callerName,
          callerEmail: next.callerEmail,
        })
      : undefined;
    if (relinked)
      await tx
        .update(reviewItems)
        .set({ ...next, ...(searchText === undefined ? {} : { searchText }) })
        .where(eq(reviewItems.id, itemId));
    const evaluation = relinked ? await evaluateItem(tx, itemId) : first;
    const findingsCount = evaluation ? countFindings(evaluation.report) : item.findingsCount;
    // The SLA's due time runs from the call's end, known once the session is linked and ended.
    const dueChanged = (await refreshItemsDueAt(tx, [itemId])).length > 0;
    if (!relinked && !dueChanged && findingsCount === item.findingsCount) return { changed: false };
    await tx.update(reviewItems).set({ findingsCount }).where(eq(reviewItems.id, itemId));
    await publishChange(tx, { type: "item.updated", itemId });
    return { changed: true };
  });
}

/**
 * After a session changed (a webhook or a transcript): emails that named the room only by name
 * get its sid, then every email of the room is re-checked. Runs inside the caller's transaction.
 */
export async function linkSessionItems(tx: Db, roomSid: string): Promise<string[]> {
  const [session] = await tx.select().from(voiceSessions).where(eq(voiceSessions.roomSid, roomSid));
  if (session?.roomName) {
    const earliest = session.startedAt ? new Date(session.startedAt.getTime() - START_SLACK_MS) : null;
    await tx
      .update(reviewItems)
      .set({ roomSid })
      .where(and(isNull(reviewItems.roomSid), eq(reviewItems.roomName, session.roomName), earliest ? gte(reviewItems.heldAt, earliest) : undefined));
  }
  const items = await tx.select({ id: reviewItems.id, findingsCount: reviewItems.findingsCount }).from(reviewItems).where(eq(reviewItems.roomSid, roomSid)).for("update");
  // The session's end may have arrived: the SLA's due time of its emails runs from it.
  await refreshItemsDueAt(
    tx,
    items.map((i) => i.id),
  );
  const changed: string[] = [];
  for (const { id, findingsCount } of items) {
    const evaluation = await evaluateItem(tx, id);
    if (!evaluation) continue;
    const next = countFindings(evaluation.report);
    if (next !== findingsCount) await tx.update(reviewItems).set({ findingsCount: next }).where(eq(reviewItems.id, id));
    // Even with an unchanged count the session beside the email changed: open pages refresh.
    await publishChange(tx, { type: "item.updated", itemId: id });
    changed.push(id);
  }
  await publishChange(tx, { type: "session.updated", roomSid });
  return changed;
}
