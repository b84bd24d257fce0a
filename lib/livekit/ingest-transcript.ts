// PUT /api/voice-sessions/{roomSid}/transcript (livekit.md §3.4): verify the agent's token over the
// raw body, parse the contract, store the transcript once per room sid and job id (a retry with the
// same bytes changes nothing, a new body replaces the old), then link the room's emails.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { voiceSessions, voiceTranscripts } from "@/lib/db/schema";
import { storableJson } from "@/lib/text/storable";
import { AppError } from "@/lib/errors";
import { touchSession } from "./events/touch-session";
import { linkSessionItems } from "./link-session";
import { transcriptUploadSchema, type TranscriptUploadResult } from "./transcript-upload";
import { sha256Hex, verifyUploadToken } from "./verify-token";

const roomSidPattern = /^RM_[A-Za-z0-9]{1,64}$/;

/** "chat_history.items.3.created_at: looks like milliseconds…" for each problem, at most five. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 5).map((issue) => `${issue.path.map(String).join(".") || "body"}: ${issue.message}`);
  return `${shown.join("; ")}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ""}`;
}

export async function ingestTranscript(
  db: Db,
  input: { roomSid: string; rawBody: string; authorization: string | null; key: string; secret: string },
): Promise<TranscriptUploadResult & { created: boolean }> {
  if (!roomSidPattern.test(input.roomSid)) throw new AppError("not_found", "The path must name a LiveKit room sid (RM_…).");
  await verifyUploadToken(input.rawBody, input.authorization, input);

  let json: unknown;
  try {
    // Text PostgreSQL cannot store (U+0000, lone surrogates) is cleaned, never a 500 (lib/text/storable.ts).
    json = storableJson(JSON.parse(input.rawBody) as unknown);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
  const parsed = transcriptUploadSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError("validation", `The transcript does not follow the contract: ${describeIssues(parsed.error.issues)}`, {
      issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    });
  }
  const upload = parsed.data;
  if (upload.room_sid !== input.roomSid) {
    throw new AppError("validation", `room_sid ${upload.room_sid} does not match the path's ${input.roomSid}.`);
  }
  const bodySha256 = sha256Hex(input.rawBody);
  const items = upload.chat_history.items as Record<string, unknown>[];

  return db.transaction(async (tx) => {
    const session = await touchSession(tx, { roomSid: upload.room_sid, roomName: upload.room, eventAt: null });
    if (!session.startedAt && upload.started_at) {
      await tx.update(voiceSessions).set({ startedAt: upload.started_at }).where(eq(voiceSessions.roomSid, upload.room_sid));
    }
    const key = and(eq(voiceTranscripts.roomSid, upload.room_sid), eq(voiceTranscripts.jobId, upload.job_id));
    const [existing] = await tx.select({ id: voiceTranscripts.id, bodySha256: voiceTranscripts.bodySha256 }).from(voiceTranscripts).where(key).for("update");
    const base = { roomSid: upload.room_sid, jobId: upload.job_id, items: items.length };
    if (existing?.bodySha256 === bodySha256) return { status: "unchanged", ...base, linkedEmails: 0, created: false };

    const row = {
      roomName: upload.room,
      agentName: upload.agent_name ?? null,
      startedAt: upload.started_at ?? null,
      endedAt: upload.ended_at ?? null,
      closeReason: upload.close_reason ?? null,
      items,
      itemCount: items.length,
      bodySha256,
      recording: upload.recording ? { egressId: upload.recording.egress_id ?? null, location: upload.recording.location ?? null } : null,
      updatedAt: new Date(),
    };
    if (existing) await tx.update(voiceTranscripts).set(row).where(eq(voiceTranscripts.id, existing.id));
    else {
      // A concurrent first upload of the same job lands on the unique key: the later one wins.
      await tx
        .insert(voiceTranscripts)
        .values({ roomSid: upload.room_sid, jobId: upload.job_id, ...row })
        .onConflictDoUpdate({ target: [voiceTranscripts.roomSid, voiceTranscripts.jobId], set: row });
    }
    const linked = await linkSessionItems(tx, upload.room_sid);
    return { status: existing ? "replaced" : "created", ...base, linkedEmails: linked.length, created: !existing };
  });
}
