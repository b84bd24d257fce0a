// Reads everything stored about one room (session, participants, recordings, transcripts) and
// shapes it for the reviewer. Shared by the session page, the review page and the evidence checks,
// so the times a finding quotes are the times the timeline shows.
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { readAll } from "@/lib/db/read-all";
import { voiceParticipants, voiceRecordings, voiceSessions, voiceTranscripts } from "@/lib/db/schema";
import { buildTimeline, firstItemTime } from "./build-timeline";
import { callerContact, parseParticipantMetadata, pickCaller } from "./caller";
import { cloudSessionUrl, livekitServerConfig, transcriptMissingAfterMs } from "./config";
import type { SessionView } from "./schemas";
import { transcriptStateOf } from "./transcript-state";
import { storedItemsSchema, type ChatItem } from "./transcript-upload";

export interface SessionBundle {
  roomSid: string;
  session: typeof voiceSessions.$inferSelect | null;
  participants: (typeof voiceParticipants.$inferSelect)[];
  recordings: (typeof voiceRecordings.$inferSelect)[];
  transcripts: (typeof voiceTranscripts.$inferSelect)[];
}

export async function loadSession(db: Db, roomSid: string): Promise<SessionBundle> {
  const [sessions, participants, recordings, transcripts] = await readAll(db, [
    () => db.select().from(voiceSessions).where(eq(voiceSessions.roomSid, roomSid)),
    () => db.select().from(voiceParticipants).where(eq(voiceParticipants.roomSid, roomSid)).orderBy(asc(voiceParticipants.joinedAt), asc(voiceParticipants.createdAt)),
    () => db.select().from(voiceRecordings).where(eq(voiceRecordings.roomSid, roomSid)).orderBy(asc(voiceRecordings.createdAt)),
    () => db.select().from(voiceTranscripts).where(eq(voiceTranscripts.roomSid, roomSid)).orderBy(asc(voiceTranscripts.receivedAt)),
  ] as const);
  return { roomSid, session: sessions[0] ?? null, participants, recordings, transcripts };
}

/**
 * The transcript an email is checked against: its own job's when the email names a job, else
 * every job's of the room merged in call order (one room can hold several jobs, livekit.md §3.4).
 */
export function chooseTranscript(bundle: SessionBundle, jobId: string | null): { items: ChatItem[]; jobIds: string[] } | null {
  const own = jobId ? bundle.transcripts.filter((t) => t.jobId === jobId) : [];
  const rows = own.length > 0 ? own : bundle.transcripts;
  if (rows.length === 0) return null;
  const items = rows.flatMap((row) => storedItemsSchema.parse(row.items));
  if (rows.length > 1) {
    // Stable: items without a time keep their place relative to their neighbours.
    const keyed = items.map((item, index) => ({ item, index, at: item.created_at ?? null }));
    keyed.sort((a, b) => (a.at !== null && b.at !== null && a.at !== b.at ? a.at - b.at : a.index - b.index));
    return { items: keyed.map((k) => k.item), jobIds: rows.map((r) => r.jobId) };
  }
  return { items, jobIds: rows.map((r) => r.jobId) };
}

/** Unix seconds of the call's start: the room's creation, else the agent's start, else the first item. */
export function callStartOf(bundle: SessionBundle, items: readonly ChatItem[] | null): number | null {
  const roomStart = bundle.session?.startedAt;
  if (roomStart) return roomStart.getTime() / 1000;
  const agentStart = bundle.transcripts.map((t) => t.startedAt).find((d): d is Date => d !== null);
  if (agentStart) return agentStart.getTime() / 1000;
  return items ? firstItemTime(items) : null;
}

export function callerOf(bundle: SessionBundle) {
  const participant = pickCaller(bundle.participants);
  return participant ? callerContact(participant) : null;
}

/** Only http(s) becomes a link; s3://, gs:// and the like are shown as text. */
function httpHref(location: string | null): string | null {
  if (!location) return null;
  try {
    const url = new URL(location);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export function toSessionView(bundle: SessionBundle, options: { jobId?: string | null; heldAt?: Date | null; now?: Date } = {}): SessionView {
  const { session } = bundle;
  const transcript = chooseTranscript(bundle, options.jobId ?? null);
  const callStart = callStartOf(bundle, transcript?.items ?? null);
  const caller = callerOf(bundle);
  const callerRow = pickCaller(bundle.participants);
  const agent = bundle.participants.find((p) => p.kind === "AGENT");
  const agentLabel = bundle.transcripts.find((t) => t.agentName)?.agentName ?? agent?.name ?? null;
  const timeline = transcript ? buildTimeline(transcript.items, { callStart, callerLabel: caller?.name, agentLabel }) : { entries: [], anchors: {} };
  const finished = Boolean(session?.endedAt);
  const known = Boolean(session) || bundle.transcripts.length > 0 || bundle.participants.length > 0;
  return {
    roomSid: bundle.roomSid,
    roomName: session?.roomName ?? bundle.transcripts[0]?.roomName ?? null,
    roomMetadata: parseParticipantMetadata(session?.roomMetadata),
    known,
    startedAt: iso(session?.startedAt),
    endedAt: iso(session?.endedAt),
    endReason: session?.endReason ?? null,
    finished,
    jobs: (session?.jobs ?? []).map((j) => ({ id: j.id, agentName: j.agentName, status: j.status })),
    caller,
    participants: bundle.participants.map((p) => {
      const contact = callerContact(p);
      return {
        identity: p.identity,
        name: p.name,
        kind: p.kind,
        isCaller: p.id === callerRow?.id,
        email: contact.email,
        phone: contact.phone,
        metadata: parseParticipantMetadata(p.metadata),
        attributes: p.attributes,
        joinedAt: iso(p.joinedAt),
        leftAt: iso(p.leftAt),
        disconnectReason: p.disconnectReason,
      };
    }),
    recordings: bundle.recordings.map((r) => ({
      egressId: r.egressId,
      status: r.status,
      startedAt: iso(r.startedAt),
      endedAt: iso(r.endedAt),
      error: r.error,
      files: r.files.map((f) => ({ ...f, href: httpHref(f.location) })),
    })),
    transcript: {
      state: transcriptStateOf({
        linked: true,
        hasTranscript: transcript !== null,
        endedAt: session?.endedAt ?? null,
        heldAt: options.heldAt ?? session?.createdAt ?? null,
        now: options.now ?? new Date(),
        missingAfterMs: transcriptMissingAfterMs(),
      }),
      jobs: bundle.transcripts.map((t) => ({
        jobId: t.jobId,
        agentName: t.agentName,
        closeReason: t.closeReason,
        receivedAt: t.receivedAt.toISOString(),
        itemCount: t.itemCount,
      })),
      entries: timeline.entries,
      anchors: timeline.anchors,
    },
    cloudUrl: cloudSessionUrl(bundle.roomSid),
    liveCheck: !finished && livekitServerConfig().configured,
  };
}
