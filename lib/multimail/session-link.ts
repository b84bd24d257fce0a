// Why: ties a held email to the voice session that drafted it. Agents write the context into the
// email's metadata (nested `voice`/`livekit` per livekit.md §3.4, or flat) or, failing that, its tags;
// key spelling varies (snake/camel), so every source is read defensively and never throws.
import { z } from "zod";
import { isPlainObject, parseMetadata, toIsoTimestamp } from "./schemas";

export const sessionLinkSchema = z.object({
  sessionId: z.string().nullable(),
  roomSid: z.string().nullable(),
  roomName: z.string().nullable(),
  jobId: z.string().nullable(),
  callerIdentity: z.string().nullable(),
  callerEmail: z.string().nullable(),
  callerName: z.string().nullable(),
  transcriptUrl: z.string().nullable(),
  evidenceItemIds: z.array(z.string()),
  agentName: z.string().nullable(),
  agentNote: z.string().nullable(),
  agentConfidence: z.number().min(0).max(1).nullable(),
  draftedAt: z.string().nullable(),
});
export type SessionLink = z.infer<typeof sessionLinkSchema>;

type Source = Record<string, unknown>;

const textValue = z
  .union([z.string(), z.number().transform(String)])
  .transform((s) => s.trim())
  .refine((s) => s !== "");
const confidenceValue = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d*\.?\d+$/)
      .transform(Number),
  ])
  .pipe(z.number().min(0).max(1));
const idList = z.union([
  z.array(z.unknown()),
  // Tags are strings only: a JSON array or a comma-separated list.
  z.string().transform((s): unknown[] => {
    const trimmed = s.trim();
    if (trimmed.startsWith("[")) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        // fall through to the comma-separated reading
      }
    }
    return trimmed.split(",");
  }),
]);

/** The first value, across sources in priority order and then keys in order, that parses. */
function pick<T>(sources: Source[], keys: string[], schema: z.ZodType<T>): T | null {
  for (const source of sources) {
    for (const key of keys) {
      const parsed = schema.safeParse(source[key]);
      if (parsed.success) return parsed.data;
    }
  }
  return null;
}

/** Only http(s) URLs or a same-site path: the value ends up in an href, so `javascript:` must not pass. */
function safeUrl(value: string | null): string | null {
  if (!value) return null;
  if (value.startsWith("/") && !value.startsWith("//")) return value;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Sources in priority order: metadata.voice, metadata.livekit, flat metadata, then tags. A
 * `session_id` starting with `RM_` is a LiveKit room sid; any other value is taken as the room name.
 */
export function readSessionLink(input: { metadata?: unknown; tags?: unknown } | null | undefined): SessionLink {
  const metadata = parseMetadata(isPlainObject(input) ? input.metadata : undefined) ?? {};
  const tags = parseMetadata(isPlainObject(input) ? input.tags : undefined) ?? {};
  const nested = [metadata.voice, metadata.livekit].map(parseMetadata).filter((s): s is Source => s !== null);
  const sources: Source[] = [...nested, metadata, tags];
  const text = (...keys: string[]) => pick(sources, keys, textValue);

  const sessionId = text("session_id", "sessionId");
  const isRoomSid = sessionId?.startsWith("RM_") ?? false;
  const ids = pick(sources, ["evidence_item_ids", "evidenceItemIds"], idList) ?? [];
  const evidenceItemIds = [
    ...new Set(
      ids.flatMap((id) => {
        const parsed = textValue.safeParse(id);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
  ];

  return {
    sessionId,
    // SessionReport calls the RM_ sid `room_id` (livekit.md §3.1).
    roomSid: text("room_sid", "roomSid", "room_id", "roomId") ?? (isRoomSid ? sessionId : null),
    roomName: text("room_name", "roomName", "room") ?? (sessionId && !isRoomSid ? sessionId : null),
    jobId: text("job_id", "jobId"),
    callerIdentity: text("caller_identity", "callerIdentity"),
    callerEmail: text("caller_email", "callerEmail"),
    callerName: text("caller_name", "callerName"),
    transcriptUrl: safeUrl(text("transcript_url", "transcriptUrl", "transcript_ref", "transcriptRef")),
    evidenceItemIds,
    agentName: text("agent_name", "agentName"),
    agentNote: text("agent_note", "agentNote", "note"),
    agentConfidence: pick(sources, ["confidence", "agent_confidence", "agentConfidence"], confidenceValue),
    draftedAt: toIsoTimestamp(text("drafted_at", "draftedAt")),
  };
}
