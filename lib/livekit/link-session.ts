// Ties held emails to voice sessions, whichever arrives first: an email names its session in
// metadata or tags (a room sid, or only a room name), and a session's webhooks or transcript may
// come before or after it. Every change re-counts the email's findings for the queue.
import { and, desc, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails, reviewItems, voiceSessions } from "@/lib/db/schema";
import type { SessionLink } from "@/lib/multimail/session-link";
import { publishChange } from "@/lib/realtime/events";
import { refreshItemsDueAt } from "@/lib/sla/due-at";
import { countFindings, evaluateEmail, evaluateItem } from "./item-evidence";
import { searchTextOf } from "@/lib/text/search-text";

/** A room that started up to this long after the email was held is still "its" room (clock skew). */
const START_SLACK_MS = 5 * 60_000;

/** The session columns of a review item, filled in from its email's link. */
type LinkColumns = Pick<typeof reviewItems.$inferSelect, "roomSid" | "roomName" | "jobId" | "sessionId" | "callerEmail" | "callerName">;

/**
 * Serialises the transactions that tie emails and this room together. An email held in one
 * transaction and the room's webhook or transcript stored in another cannot see each other's rows
 * until they commit, so without it each could check the email against the state before the other
 * (a held email counted against a transcript that was not there yet, and never again). Locks by
 * name before sid, in every caller, so two transactions never wait on each other in a circle.
 */
async function lockRoom(tx: Db, room: { roomName: string | null; roomSid: string | null }): Promise<void> {
  const locks = [
    room.roomName === null ? null : sql`pg_advisory_xact_lock(${ROOM_NAME_LOCKS}, hashtext(${room.roomName}))`,
    room.roomSid === null ? null : sql`pg_advisory_xact_lock(${ROOM_SID_LOCKS}, hashtext(${room.roomSid}))`,
  ].filter((lock) => lock !== null);
  if (locks.length === 0) return;
  await tx.execute(sql`select ${sql.join(locks, sql`, `)}`);
}

/** The first keys of pg_advisory_xact_lock(int, int) that the room locks use: names and sids apart. */
const ROOM_NAME_LOCKS = 7_215_001;
const ROOM_SID_LOCKS = 7_215_002;

/** What an item's session columns become: what it has, else what its email's link names. */
async function linkedColumns(tx: Db, item: LinkColumns | null, link: SessionLink, heldAt: Date): Promise<LinkColumns> {
  // Tags may name the session only after the email was held (agents tag after the send returns).
  const next = {
    roomSid: item?.roomSid ?? link.roomSid,
    roomName: item?.roomName ?? link.roomName,
    jobId: item?.jobId ?? link.jobId,
    sessionId: item?.sessionId ?? link.sessionId ?? link.roomSid ?? link.roomName,
    callerEmail: item?.callerEmail ?? link.callerEmail,
    callerName: item?.callerName ?? link.callerName,
  };
  if (!next.roomSid && next.roomName) next.roomSid = await resolveRoomSid(tx, { roomName: next.roomName, heldAt });
  return next;
}

/**
 * The session columns and findings count of an item about to be created for a newly held email,
 * in the transaction that inserts it: the queue's first sight of the email already has its
 * findings, and one change event announces it.
 */
export async function newItemSession(
  tx: Db,
  email: typeof emails.$inferSelect,
  link: SessionLink,
  item: { heldAt: Date; authoredBy: string | null },
): Promise<LinkColumns & { findingsCount: number }> {
  await lockRoom(tx, { roomName: link.roomName, roomSid: link.roomSid });
  const columns = await linkedColumns(tx, null, link, item.heldAt);
  if (columns.roomSid !== link.roomSid) await lockRoom(tx, { roomName: null, roomSid: columns.roomSid });
  const { report } = await evaluateEmail(tx, { ...item, roomSid: columns.roomSid, jobId: columns.jobId, purgedAt: null }, email, link);
  return { ...columns, findingsCount: countFindings(report) };
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
 * `names` is the room the caller's email names, locked before the item (lockRoom's order).
 */
export async function syncItemSession(db: Db, itemId: string, names: Pick<SessionLink, "roomName" | "roomSid">): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    await lockRoom(tx, names);
    const first = await evaluateItem(tx, itemId, { lock: true });
    if (!first) return { changed: false };
    const { item, link } = first;
    const next = await linkedColumns(tx, item, link, item.heldAt);
    if (next.roomSid !== item.roomSid && next.roomSid !== names.roomSid) await lockRoom(tx, { roomName: null, roomSid: next.roomSid });
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
  await lockRoom(tx, { roomName: session?.roomName ?? null, roomSid });
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
