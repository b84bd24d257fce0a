// Server reads of the voice-session domain, returning the DTOs in schemas.ts: the session page, an
// email's evidence on the review page, and the queue's per-email session status. The GET routes
// and the pages' prefetch both call these, under the keys in queries.ts.
import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { reviewItems, voiceSessions, voiceTranscripts } from "@/lib/db/schema";
import { transcriptMissingAfterMs } from "./config";
import { countFindings, evaluateItem, needsRecipientConfirmation } from "./item-evidence";
import { loadSession, toSessionView } from "./load-session";
import type { ItemEvidence, QueueVoice, SessionDetail } from "./schemas";
import { transcriptStateOf } from "./transcript-state";

const roomSidPattern = /^RM_[A-Za-z0-9]{1,64}$/;

export async function getSessionDetail(db: Db, roomSid: string): Promise<SessionDetail | null> {
  if (!roomSidPattern.test(roomSid)) return null;
  const [bundle, items] = await Promise.all([
    loadSession(db, roomSid),
    db.select().from(reviewItems).where(eq(reviewItems.roomSid, roomSid)).orderBy(asc(reviewItems.heldAt)),
  ]);
  const known = bundle.session || bundle.transcripts.length > 0 || bundle.participants.length > 0;
  if (!known && items.length === 0) return null;
  return {
    session: toSessionView(bundle, { heldAt: items[0]?.heldAt ?? null }),
    emails: items.map((i) => ({
      itemId: i.id,
      subject: i.subject,
      to: i.toAddresses,
      state: i.state,
      heldAt: i.heldAt.toISOString(),
      findingsCount: i.findingsCount,
      decidedBy: i.decidedBy,
    })),
  };
}

/** Just the room of a session (for the live check), or null when nothing is known of it. */
export async function getSessionRoom(db: Db, roomSid: string): Promise<{ roomSid: string; roomName: string | null; endedAt: Date | null } | null> {
  if (!roomSidPattern.test(roomSid)) return null;
  const [row] = await db
    .select({ roomSid: voiceSessions.roomSid, roomName: voiceSessions.roomName, endedAt: voiceSessions.endedAt })
    .from(voiceSessions)
    .where(eq(voiceSessions.roomSid, roomSid));
  return row ?? null;
}

export async function getItemEvidence(db: Db, itemId: string): Promise<ItemEvidence | null> {
  if (!/^[0-9a-f-]{36}$/i.test(itemId)) return null;
  const evaluation = await evaluateItem(db, itemId);
  if (!evaluation) return null;
  const { item, email, link, bundle, report } = evaluation;
  const jobId = item.jobId ?? link.jobId;
  const session = item.roomSid && bundle ? toSessionView(bundle, { jobId, heldAt: item.heldAt }) : null;
  const linked = Boolean(item.roomSid ?? item.roomName ?? link.roomSid ?? link.roomName ?? link.sessionId);
  return {
    itemId: item.id,
    emailId: email.id,
    report,
    needsRecipientConfirmation: needsRecipientConfirmation(report),
    findingsCount: countFindings(report),
    citedTurnIds: link.evidenceItemIds,
    link: { roomSid: item.roomSid ?? link.roomSid, roomName: item.roomName ?? link.roomName, jobId },
    transcriptState:
      session?.transcript.state ??
      transcriptStateOf({ linked, hasTranscript: false, endedAt: null, heldAt: item.heldAt, now: new Date(), missingAfterMs: transcriptMissingAfterMs() }),
    session,
  };
}

type ItemRow = typeof reviewItems.$inferSelect;

/** Per queue row: is its session known, where is its transcript, how many findings. */
export async function queueVoiceOf(db: Db, items: readonly ItemRow[]): Promise<Map<string, QueueVoice>> {
  const sids = [...new Set(items.map((i) => i.roomSid).filter((s): s is string => Boolean(s)))];
  const [sessions, transcripts] = sids.length
    ? await Promise.all([
        db.select({ roomSid: voiceSessions.roomSid, endedAt: voiceSessions.endedAt }).from(voiceSessions).where(inArray(voiceSessions.roomSid, sids)),
        db.selectDistinct({ roomSid: voiceTranscripts.roomSid }).from(voiceTranscripts).where(inArray(voiceTranscripts.roomSid, sids)),
      ])
    : [[], []];
  const ended = new Map(sessions.map((s) => [s.roomSid, s.endedAt]));
  const withTranscript = new Set(transcripts.map((t) => t.roomSid));
  const now = new Date();
  const missingAfterMs = transcriptMissingAfterMs();
  return new Map(
    items.map((item) => {
      const linked = Boolean(item.roomSid ?? item.roomName ?? item.sessionId);
      const hasSession = item.roomSid !== null && ended.has(item.roomSid);
      const transcript = transcriptStateOf({
        linked,
        hasTranscript: item.roomSid !== null && withTranscript.has(item.roomSid),
        endedAt: item.roomSid ? (ended.get(item.roomSid) ?? null) : null,
        heldAt: item.heldAt,
        now,
        missingAfterMs,
      });
      return [item.id, { roomSid: item.roomSid, session: hasSession, transcript, findings: item.findingsCount }];
    }),
  );
}
