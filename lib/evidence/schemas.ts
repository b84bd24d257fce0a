// Evidence DTOs: what the review page shows beside a draft. Client-safe (zod only).
import { z } from "zod";

import { transcriptItemSchema } from "./transcript";

export const findingKindSchema = z.enum(["recipient", "date", "time", "weekday", "money", "phone", "email", "url", "reference", "agent_note"]);
export type FindingKind = z.infer<typeof findingKindSchema>;

export const findingStatusSchema = z.enum(["supported", "unsupported", "mismatch", "unknown", "info"]);
export type FindingStatus = z.infer<typeof findingStatusSchema>;

export const findingSchema = z.object({
  /** Stable within one report: `${kind}-${n}`, e.g. "date-0". */
  id: z.string(),
  kind: findingKindSchema,
  status: findingStatusSchema,
  /** The span as it appears in the draft (the `to` entry for recipients, the note for agent_note). */
  text: z.string(),
  /** Which draft field `start`/`end` index into; null for recipient and agent_note. */
  part: z.enum(["subject", "body"]).nullable(),
  /** UTF-16 offsets into `draft.subject` or the raw `draft.markdown` (see `part`). */
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  /** One human sentence: "Friday 14 March, 3:00 pm — said by the caller at 01:42". */
  message: z.string(),
  /** Transcript item ids ("item_…") behind the finding, in call order. */
  turnIds: z.array(z.string()),
  /** True for a recipient the reviewer must confirm (mismatch or unknown). */
  needsConfirmation: z.boolean(),
});
export type Finding = z.infer<typeof findingSchema>;

export const evidenceCountsSchema = z.object({
  supported: z.number().int(),
  unsupported: z.number().int(),
  mismatch: z.number().int(),
  unknown: z.number().int(),
});
export type EvidenceCounts = z.infer<typeof evidenceCountsSchema>;

export const evidenceReportSchema = z.object({
  findings: z.array(findingSchema),
  counts: evidenceCountsSchema,
  /** Every `to` address is supported (false when `to` is empty). */
  recipientOk: z.boolean(),
  transcriptAvailable: z.boolean(),
});
export type EvidenceReport = z.infer<typeof evidenceReportSchema>;

export const callerSchema = z.object({
  /** From participant metadata (livekit.md §4); treat as PII. */
  email: z.string().nullish(),
  /** `sip.phoneNumber` attribute, E.164 or national (US default). */
  phone: z.string().nullish(),
  name: z.string().nullish(),
});

export const agentSignalSchema = z.object({
  note: z.string().nullish(),
  /** 0..1; below 0.8 raises an info finding. */
  confidence: z.number().nullish(),
  evidenceItemIds: z.array(z.string()).optional(),
});

/**
 * Input of `checkDraft`. The transcript is the LiveKit `chat_history.items` array in the
 * Python wire shape (livekit.md §3.2), or null while it has not arrived.
 */
export const checkDraftInputSchema = z.object({
  draft: z.object({
    to: z.array(z.string()),
    cc: z.array(z.string()).optional(),
    subject: z.string(),
    markdown: z.string(),
  }),
  transcript: z.array(transcriptItemSchema).nullable(),
  /** Unix seconds; turn times are shown relative to it (default: the first item's created_at). */
  callStartedAt: z.number().nullish(),
  caller: callerSchema.nullish(),
  agent: agentSignalSchema.nullish(),
  /** "Now" at the call: resolves "Tuesday" / "tomorrow" (default: callStartedAt, else first item). */
  referenceDate: z.coerce.date().optional(),
  /** IANA zone used to read dates and times (default "UTC"). */
  timeZone: z.string().optional(),
});
export type CheckDraftInput = z.infer<typeof checkDraftInputSchema>;
