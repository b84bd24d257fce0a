// Client-safe DTOs of the voice-session domain: a session with its transcript timeline, an email's
// evidence beside it, and the live status. Everything in them came from untrusted sources and is
// rendered as text only.
import { z } from "zod";
import { evidenceReportSchema } from "@/lib/evidence/schemas";

export const transcriptStates = ["none", "pending", "missing", "ready"] as const;
export const transcriptStateSchema = z.enum(transcriptStates);
export type TranscriptState = z.infer<typeof transcriptStateSchema>;

const at = z.string().nullable();

/** One row of the transcript timeline; tool calls fold their output in. */
export const timelineEntrySchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("message"),
    anchorId: z.string(),
    turnIds: z.array(z.string()),
    speaker: z.enum(["caller", "agent", "system"]),
    label: z.string(),
    text: z.string(),
    at,
    interrupted: z.boolean(),
    confidence: z.number().nullable(),
    hiddenParts: z.number(),
  }),
  z.object({
    kind: z.literal("tool"),
    anchorId: z.string(),
    turnIds: z.array(z.string()),
    name: z.string(),
    arguments: z.string(),
    output: z.string().nullable(),
    isError: z.boolean(),
    at,
  }),
  z.object({ kind: z.literal("handoff"), anchorId: z.string(), turnIds: z.array(z.string()), from: z.string().nullable(), to: z.string(), at }),
  z.object({ kind: z.literal("event"), anchorId: z.string(), turnIds: z.array(z.string()), label: z.string(), detail: z.string().nullable(), at }),
]);
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** Where each transcript item id lands in the timeline, so a finding can link to its turn. */
export const turnAnchorSchema = z.object({ anchorId: z.string(), at, speaker: z.string() });
export type TurnAnchor = z.infer<typeof turnAnchorSchema>;

const metadataView = z.union([z.record(z.string(), z.unknown()), z.string()]).nullable();

export const participantViewSchema = z.object({
  identity: z.string(),
  name: z.string().nullable(),
  kind: z.string(),
  isCaller: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  metadata: metadataView,
  attributes: z.record(z.string(), z.string()),
  joinedAt: at,
  leftAt: at,
  disconnectReason: z.string().nullable(),
});
export type ParticipantView = z.infer<typeof participantViewSchema>;

export const recordingViewSchema = z.object({
  egressId: z.string(),
  status: z.string(),
  startedAt: at,
  endedAt: at,
  error: z.string().nullable(),
  files: z.array(
    z.object({
      filename: z.string().nullable(),
      location: z.string().nullable(),
      /** Only an http(s) location becomes a link (s3:// and friends are shown as text). */
      href: z.string().nullable(),
      sizeBytes: z.number().nullable(),
      durationSeconds: z.number().nullable(),
    }),
  ),
});
export type RecordingView = z.infer<typeof recordingViewSchema>;

export const callerViewSchema = z.object({
  identity: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

export const sessionViewSchema = z.object({
  roomSid: z.string(),
  roomName: z.string().nullable(),
  roomMetadata: metadataView,
  /** A LiveKit webhook or transcript for this room has arrived. */
  known: z.boolean(),
  startedAt: at,
  endedAt: at,
  endReason: z.string().nullable(),
  finished: z.boolean(),
  jobs: z.array(z.object({ id: z.string(), agentName: z.string().nullable(), status: z.string().nullable() })),
  caller: callerViewSchema.nullable(),
  participants: z.array(participantViewSchema),
  recordings: z.array(recordingViewSchema),
  transcript: z.object({
    state: transcriptStateSchema,
    jobs: z.array(
      z.object({
        jobId: z.string(),
        agentName: z.string().nullable(),
        closeReason: z.string().nullable(),
        receivedAt: z.string(),
        itemCount: z.number(),
      }),
    ),
    entries: z.array(timelineEntrySchema),
    anchors: z.record(z.string(), turnAnchorSchema),
  }),
  cloudUrl: z.string().nullable(),
  /** LIVEKIT_URL is set and the session has not finished: ask whether the call is live. */
  liveCheck: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const sessionEmailSchema = z.object({
  itemId: z.string(),
  subject: z.string(),
  to: z.array(z.string()),
  state: z.string(),
  heldAt: z.string(),
  findingsCount: z.number(),
  decidedBy: z.string().nullable(),
});

export const sessionDetailSchema = z.object({ session: sessionViewSchema, emails: z.array(sessionEmailSchema) });
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

export const itemEvidenceSchema = z.object({
  itemId: z.string(),
  emailId: z.string(),
  report: evidenceReportSchema,
  /** A recipient mismatch or unknown recipient: approval needs an explicit confirmation. */
  needsRecipientConfirmation: z.boolean(),
  findingsCount: z.number(),
  /** Transcript item ids the agent cited for its claims (email metadata). */
  citedTurnIds: z.array(z.string()),
  link: z.object({ roomSid: z.string().nullable(), roomName: z.string().nullable(), jobId: z.string().nullable() }),
  /** "none" when the email names no session; also set while LiveKit has told us nothing yet. */
  transcriptState: transcriptStateSchema,
  session: sessionViewSchema.nullable(),
});
export type ItemEvidence = z.infer<typeof itemEvidenceSchema>;

export const liveStatusSchema = z.object({
  status: z.enum(["live", "ended", "unknown", "not_configured"]),
  participants: z.number().nullable(),
  checkedAt: z.string(),
});
export type LiveStatus = z.infer<typeof liveStatusSchema>;

/** What the queue shows about an email's voice session. */
export const queueVoiceSchema = z.object({
  roomSid: z.string().nullable(),
  session: z.boolean(),
  transcript: transcriptStateSchema,
  findings: z.number(),
});
export type QueueVoice = z.infer<typeof queueVoiceSchema>;
