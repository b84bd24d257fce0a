// Tables of voice sessions: what LiveKit's webhooks and the agents' transcript uploads told us,
// keyed by room sid (RM_…), never by room name alone (livekit.md §4). Rooms end and cannot be
// looked up afterwards (§1.4), so everything a reviewer needs is kept here.
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** One agent job in a room, from `agent_job_*` webhooks (LiveKit Cloud only, livekit.md §1.3). */
export interface VoiceJob {
  id: string;
  agentName: string | null;
  status: string | null;
  startedAt: string | null;
  endedAt: string | null;
}

/** One room instance: a call. Filled from whichever of webhooks and transcript arrives first. */
export const voiceSessions = pgTable(
  "voice_sessions",
  {
    roomSid: text("room_sid").primaryKey(),
    roomName: text("room_name"),
    /** room.metadata as sent (an opaque string, JSON in practice; parsed only when shown). */
    roomMetadata: text("room_metadata"),
    startedAt: ts("started_at"),
    endedAt: ts("ended_at"),
    /** RoomEndReason name, e.g. ROOM_END_IDLE_TIMEOUT, or "agent_job_ended". */
    endReason: text("end_reason"),
    jobs: jsonb("jobs").$type<VoiceJob[]>().notNull().default([]),
    /** Time of the newest LiveKit event applied (event createdAt), to keep older events from overwriting. */
    lastEventAt: ts("last_event_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("voice_sessions_room_name_idx").on(t.roomName, t.startedAt)],
);

/** A participant of a room; joined and left may arrive in either order, or only one of them. */
export const voiceParticipants = pgTable(
  "voice_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roomSid: text("room_sid").notNull(),
    identity: text("identity").notNull(),
    sid: text("sid"),
    name: text("name"),
    /** ParticipantInfo.Kind name: STANDARD, SIP, AGENT, EGRESS, INGRESS, CONNECTOR, BRIDGE. */
    kind: text("kind").notNull().default("STANDARD"),
    /** participant.metadata as sent (untrusted, often JSON with the caller's email; PII). */
    metadata: text("metadata"),
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default({}),
    /** The caller's address as LiveKit reported it (lib/livekit/caller.ts callerContact), lower-cased; null for agents. */
    contactEmail: text("contact_email"),
    joinedAt: ts("joined_at"),
    leftAt: ts("left_at"),
    disconnectReason: text("disconnect_reason"),
    lastEventAt: ts("last_event_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("voice_participants_room_identity_idx").on(t.roomSid, t.identity),
    index("voice_participants_contact_idx").on(t.contactEmail),
    // Contact search by part of a caller's name or address (lib/inbox/search-contacts.ts).
    index("voice_participants_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    index("voice_participants_contact_trgm_idx").using("gin", t.contactEmail.op("gin_trgm_ops")),
  ],
);

/** A recording file written by an egress. */
export interface RecordingFile {
  filename: string | null;
  location: string | null;
  sizeBytes: number | null;
  durationSeconds: number | null;
}

/** An egress (recording) of a room; `egress_ended` often arrives after `room_finished` (livekit.md §5). */
export const voiceRecordings = pgTable(
  "voice_recordings",
  {
    egressId: text("egress_id").primaryKey(),
    roomSid: text("room_sid"),
    roomName: text("room_name"),
    /** EgressStatus name, e.g. EGRESS_COMPLETE. */
    status: text("status").notNull(),
    startedAt: ts("started_at"),
    endedAt: ts("ended_at"),
    error: text("error"),
    files: jsonb("files").$type<RecordingFile[]>().notNull().default([]),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("voice_recordings_room_idx").on(t.roomSid)],
);

/** A transcript pushed by the agent at session end (livekit.md §3.4): one per room sid and job id. */
export const voiceTranscripts = pgTable(
  "voice_transcripts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roomSid: text("room_sid").notNull(),
    jobId: text("job_id").notNull(),
    roomName: text("room_name"),
    agentName: text("agent_name"),
    startedAt: ts("started_at"),
    endedAt: ts("ended_at"),
    closeReason: text("close_reason"),
    /** chat_history.items in the Python wire shape (livekit.md §3.2), validated on upload. */
    items: jsonb("items").$type<Record<string, unknown>[]>().notNull(),
    itemCount: integer("item_count").notNull(),
    /** SHA-256 of the accepted body: a retry with the same bytes changes nothing. */
    bodySha256: text("body_sha256").notNull(),
    recording: jsonb("recording").$type<{ egressId: string | null; location: string | null } | null>(),
    receivedAt: ts("received_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    /** When data retention replaced the items with a note (lib/retention/purge.ts). */
    purgedAt: ts("purged_at"),
  },
  (t) => [uniqueIndex("voice_transcripts_room_job_idx").on(t.roomSid, t.jobId)],
);
