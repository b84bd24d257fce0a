// The agent → dashboard transcript contract (livekit.md §3.4): the body of
// PUT /api/voice-sessions/{roomSid}/transcript, with `chat_history.items` in the wire shape both
// agent SDKs emit from their session report (§3.2). Client-safe (zod only).
import { z } from "zod";

/** Below this a time is Unix seconds; from it on, milliseconds. */
export const MILLISECONDS_FROM = 1e11;

/**
 * Unix seconds (float). Milliseconds (agents-js before 1.9 sends them) are converted, decided by
 * magnitude: 1e11 seconds is the year 5138, 1e11 milliseconds is March 1973, so a value at or above
 * 1e11 can only be milliseconds. Anything still that large after dividing (micro- or nanoseconds)
 * is refused rather than misread.
 */
const unixSeconds = z
  .number({ error: "must be Unix seconds (a number)" })
  .finite()
  .nonnegative()
  .transform((v) => (v >= MILLISECONDS_FROM ? v / 1000 : v))
  .refine((v) => v < MILLISECONDS_FROM, "is too large for Unix seconds or milliseconds; send Unix seconds (livekit.md §3.2)");

/** started_at / ended_at: Unix seconds or an ISO-8601 string. */
const instant = z.union([
  unixSeconds.transform((s) => new Date(s * 1000)),
  z.iso.datetime({ offset: true, error: "must be Unix seconds or an ISO-8601 time" }).transform((s) => new Date(s)),
]);

const shortText = (max: number) => z.string().max(max, `must be at most ${max} characters`);

const messageItemSchema = z.looseObject({
  id: z.string().min(1).max(200),
  type: z.literal("message"),
  role: z.enum(["user", "assistant", "system", "developer"], { error: 'must be "user", "assistant", "system" or "developer"' }),
  // Strings are what was said; image/audio parts are objects and are kept but not shown.
  content: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).default([]),
  interrupted: z.boolean().default(false),
  transcript_confidence: z.number().min(0).max(1).nullish(),
  created_at: unixSeconds.optional(),
});

const functionCallItemSchema = z.looseObject({
  id: z.string().max(200).optional(),
  type: z.literal("function_call"),
  call_id: z.string().min(1).max(200),
  name: shortText(200),
  arguments: z.string().default(""),
  created_at: unixSeconds.optional(),
});

const functionCallOutputItemSchema = z.looseObject({
  id: z.string().max(200).optional(),
  type: z.literal("function_call_output"),
  call_id: z.string().min(1).max(200),
  name: shortText(200).optional(),
  output: z.string().default(""),
  is_error: z.boolean().default(false),
  created_at: unixSeconds.optional(),
});

const agentHandoffItemSchema = z.looseObject({
  id: z.string().max(200).optional(),
  type: z.literal("agent_handoff"),
  old_agent_id: shortText(200).nullish(),
  new_agent_id: shortText(200),
  created_at: unixSeconds.optional(),
});

const agentConfigUpdateItemSchema = z.looseObject({
  id: z.string().max(200).optional(),
  type: z.literal("agent_config_update"),
  instructions: z.string().nullish(),
  tools_added: z.array(z.string()).nullish(),
  tools_removed: z.array(z.string()).nullish(),
  created_at: unixSeconds.optional(),
});

/** A newer SDK's item type: kept and shown as an event, never an error. */
const otherItemSchema = z.looseObject({ id: z.string().max(200).optional(), type: z.string().min(1).max(100), created_at: unixSeconds.optional() });

const itemSchemas = {
  message: messageItemSchema,
  function_call: functionCallItemSchema,
  function_call_output: functionCallOutputItemSchema,
  agent_handoff: agentHandoffItemSchema,
  agent_config_update: agentConfigUpdateItemSchema,
} as const;

export type MessageItem = z.infer<typeof messageItemSchema>;
export type FunctionCallItem = z.infer<typeof functionCallItemSchema>;
export type FunctionCallOutputItem = z.infer<typeof functionCallOutputItemSchema>;
export type AgentHandoffItem = z.infer<typeof agentHandoffItemSchema>;
export type AgentConfigUpdateItem = z.infer<typeof agentConfigUpdateItemSchema>;
export type OtherItem = z.infer<typeof otherItemSchema>;
export type ChatItem = MessageItem | FunctionCallItem | FunctionCallOutputItem | AgentHandoffItem | AgentConfigUpdateItem | OtherItem;

// `history.toJSON()` in agents-js is camelCase with ms (§3.2): name the fix instead of a vague error.
const camelCaseKeys = ["createdAt", "callId", "isError", "newAgentId", "oldAgentId", "transcriptConfidence"];

/** One chat_history item, checked against the schema of its `type`. */
export const chatItemSchema = z.looseObject({ type: z.string({ error: "every item needs a type" }).min(1) }).transform((item, ctx): ChatItem => {
  const camel = camelCaseKeys.find((key) => key in item);
  if (camel) {
    ctx.addIssue({
      code: "custom",
      path: [camel],
      message: `camelCase item (history.toJSON() in agents-js); send sessionReportToJSON(report).chat_history instead (snake_case, seconds)`,
    });
    return z.NEVER;
  }
  const schema = (itemSchemas as Record<string, z.ZodType<ChatItem>>)[item.type] ?? otherItemSchema;
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  return z.NEVER;
});

export const MAX_TRANSCRIPT_ITEMS = 20_000;

export const transcriptUploadSchema = z.object({
  schema: z.literal("livekit-chat-history/v1", { error: 'must be "livekit-chat-history/v1"' }),
  /** Room name. */
  room: z.string().trim().min(1, "must name the room").max(256),
  room_sid: z.string().regex(/^RM_[A-Za-z0-9]{1,64}$/, "must be a LiveKit room sid (RM_…)"),
  job_id: z.string().trim().min(1, "must name the agent job (AJ_…)").max(200),
  agent_name: shortText(200).nullish(),
  started_at: instant.nullish(),
  ended_at: instant.nullish(),
  close_reason: shortText(200).nullish(),
  chat_history: z.object(
    { items: z.array(chatItemSchema).max(MAX_TRANSCRIPT_ITEMS, `at most ${MAX_TRANSCRIPT_ITEMS} items`) },
    { error: "must be the session report's chat_history: {items: [...]}" },
  ),
  recording: z.object({ egress_id: shortText(200).nullish(), location: shortText(2000).nullish() }).nullish(),
});
export type TranscriptUpload = z.infer<typeof transcriptUploadSchema>;

/** Items as stored (already validated on upload); read back defensively at the DB boundary. */
export const storedItemsSchema = z.array(chatItemSchema).catch([]);

export const transcriptUploadResultSchema = z.object({
  status: z.enum(["created", "replaced", "unchanged"]),
  roomSid: z.string(),
  jobId: z.string(),
  items: z.number(),
  linkedEmails: z.number(),
});
export type TranscriptUploadResult = z.infer<typeof transcriptUploadResultSchema>;
