// Minimal, tolerant reading of LiveKit chat_history items (livekit.md §3.2) into speaker turns.
import { z } from "zod";

/** `message`: what the caller (`user`) or the agent (`assistant`) said. */
export const messageItemSchema = z.looseObject({
  id: z.string(),
  type: z.literal("message"),
  role: z.string(), // user | assistant | system | developer
  content: z.union([z.string(), z.array(z.unknown())]).optional(), // image/audio parts are not strings
  interrupted: z.boolean().optional(),
  created_at: z.number().optional(), // unix seconds (float)
});

/** `function_call`: the LLM's tool arguments. Not evidence: the model wrote them. */
export const functionCallItemSchema = z.looseObject({
  id: z.string().optional(),
  type: z.literal("function_call"),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string().optional(),
  created_at: z.number().optional(),
});

/** `function_call_output`: what a tool returned (e.g. a booking confirmation). Evidence. */
export const functionCallOutputItemSchema = z.looseObject({
  id: z.string().optional(),
  type: z.literal("function_call_output"),
  call_id: z.string(),
  name: z.string().optional(),
  output: z.string(),
  is_error: z.boolean().optional(),
  created_at: z.number().optional(),
});

/** Any other item (agent_handoff, agent_config_update, future types): kept, ignored. */
export const otherItemSchema = z.looseObject({ type: z.string() });

export const transcriptItemSchema = z.union([messageItemSchema, functionCallItemSchema, functionCallOutputItemSchema, otherItemSchema]);
export type TranscriptItem = z.infer<typeof transcriptItemSchema>;

/** Accepts `chat_history` (`{items}`) or the bare items array. */
export const transcriptSchema = z.union([z.array(transcriptItemSchema), z.object({ items: z.array(transcriptItemSchema) }).transform((history) => history.items)]);

export const turnSchema = z.object({
  id: z.string(),
  /** `tool` is a function_call_output; its `toolName` says which tool. */
  role: z.enum(["user", "assistant", "tool"]),
  text: z.string(),
  /** Unix seconds, null when the agent sent the history without timestamps. */
  createdAt: z.number().nullable(),
  toolName: z.string().nullable(),
});
export type Turn = z.infer<typeof turnSchema>;

/**
 * Turns that can carry evidence, in transcript order: user and assistant messages, and
 * successful tool outputs. System/developer messages, tool calls and errors are dropped.
 */
export function flattenTranscript(items: readonly TranscriptItem[]): Turn[] {
  const turns: Turn[] = [];
  for (const item of items) {
    const message = messageItemSchema.safeParse(item);
    if (message.success) {
      const { id, role, content, created_at } = message.data;
      if (role !== "user" && role !== "assistant") continue;
      const parts = typeof content === "string" ? [content] : (content ?? []).filter(isString);
      const text = parts.join(" ").trim();
      if (text) turns.push({ id, role, text, createdAt: created_at ?? null, toolName: null });
      continue;
    }
    const output = functionCallOutputItemSchema.safeParse(item);
    if (output.success && !output.data.is_error && output.data.output.trim()) {
      const { id, call_id, name, output: text, created_at } = output.data;
      turns.push({
        id: id ?? call_id,
        role: "tool",
        text,
        createdAt: created_at ?? null,
        toolName: name ?? null,
      });
    }
  }
  return turns;
}

/** The earliest created_at among items, used as the call start when none is given. */
export function firstCreatedAt(items: readonly TranscriptItem[]): number | null {
  let first: number | null = null;
  for (const item of items) {
    const at = (item as { created_at?: unknown }).created_at;
    if (typeof at === "number" && Number.isFinite(at) && (first === null || at < first)) first = at;
  }
  return first;
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}
