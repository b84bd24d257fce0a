// The part of a LiveKit webhook event the dashboard keeps, parsed from the SDK's proto JSON
// (`event.toJson()`: lowerCamel keys, int64 as strings, enums as names, defaults omitted; livekit.md §1.2).
// Lenient on purpose: unknown fields and event names pass, so a newer server never breaks ingest.
import { z } from "zod";

const int64 = z
  .union([
    z
      .string()
      .trim()
      .regex(/^-?\d+$/),
    z.number().int(),
  ])
  .transform((v) => BigInt(v));
const text = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v : null));

export const roomSchema = z.looseObject({
  sid: text,
  name: text,
  metadata: text,
  creationTime: int64.optional(),
  creationTimeMs: int64.optional(),
});

export const participantSchema = z.looseObject({
  sid: text,
  identity: z.string().default(""),
  name: text,
  metadata: text,
  attributes: z.record(z.string(), z.string()).catch({}).default({}),
  joinedAt: int64.optional(),
  joinedAtMs: int64.optional(),
  // STANDARD is the proto default and so is omitted from the JSON.
  kind: z.string().default("STANDARD"),
  state: text,
  disconnectReason: text,
});

const fileInfoSchema = z.looseObject({
  filename: text,
  location: text,
  size: int64.optional(),
  duration: int64.optional(),
});

export const egressSchema = z.looseObject({
  egressId: z.string().min(1),
  roomId: text,
  roomName: text,
  status: z.string().default("EGRESS_STARTING"),
  startedAt: int64.optional(),
  endedAt: int64.optional(),
  error: text,
  fileResults: z.array(fileInfoSchema).catch([]).default([]),
});

export const jobSchema = z.looseObject({
  id: z.string().min(1),
  agentName: text,
  room: roomSchema.optional(),
  state: z.looseObject({ status: text, startedAt: int64.optional(), endedAt: int64.optional() }).optional(),
});

export const webhookEventSchema = z.looseObject({
  event: z.string().default(""),
  id: z.string().default(""),
  createdAt: int64.optional(),
  room: roomSchema.optional(),
  participant: participantSchema.optional(),
  egressInfo: egressSchema.optional(),
  job: jobSchema.optional(),
  roomEndReason: text,
});
export type LiveKitEvent = z.infer<typeof webhookEventSchema>;
export type LiveKitRoom = z.infer<typeof roomSchema>;
export type LiveKitParticipant = z.infer<typeof participantSchema>;
export type LiveKitEgress = z.infer<typeof egressSchema>;
export type LiveKitJob = z.infer<typeof jobSchema>;

/**
 * An int64 Unix time to a Date, whatever its unit: LiveKit uses seconds (event createdAt, joinedAt),
 * milliseconds (*Ms fields) and nanoseconds (egress and job times, livekit.md §1.5). 0 means unset.
 */
export function epochToDate(value: bigint | null | undefined): Date | null {
  if (value === null || value === undefined || value <= 0n) return null;
  const n = Number(value);
  const ms = n < 1e11 ? n * 1000 : n < 1e14 ? n : n < 1e17 ? n / 1e3 : n / 1e6;
  const date = new Date(Math.round(ms));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Seconds of a duration in nanoseconds (FileInfo.duration). */
export function nanosToSeconds(value: bigint | undefined): number | null {
  return value && value > 0n ? Math.round(Number(value) / 1e7) / 100 : null;
}

export function roomStartedAt(room: LiveKitRoom | undefined): Date | null {
  return epochToDate(room?.creationTimeMs) ?? epochToDate(room?.creationTime);
}

export function participantJoinedAt(participant: LiveKitParticipant): Date | null {
  return epochToDate(participant.joinedAtMs) ?? epochToDate(participant.joinedAt);
}
