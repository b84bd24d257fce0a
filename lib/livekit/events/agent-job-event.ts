// agent_job_started / agent_job_ended (LiveKit Cloud only, not in the SDK's event names; livekit.md
// §1.3): which agents worked the call. A job's end also marks the session ended until room_finished.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { voiceSessions } from "@/lib/db/schema";
import type { VoiceJob } from "@/lib/db/tables/voice";
import { epochToDate, type LiveKitEvent } from "../webhook-event";
import { touchSession } from "./touch-session";

export async function applyAgentJobEvent(tx: Db, event: LiveKitEvent, eventAt: Date | null): Promise<string | null> {
  const job = event.job;
  const room = job?.room ?? event.room;
  const roomSid = room?.sid;
  if (!job || !roomSid) return null;
  const session = await touchSession(tx, { roomSid, room, eventAt });
  const previous = session.jobs.find((j) => j.id === job.id);
  const next: VoiceJob = {
    id: job.id,
    agentName: job.agentName ?? previous?.agentName ?? null,
    status: event.event === "agent_job_ended" ? (job.state?.status ?? "ended") : (previous?.status ?? job.state?.status ?? "running"),
    startedAt: previous?.startedAt ?? (epochToDate(job.state?.startedAt) ?? eventAt)?.toISOString() ?? null,
    endedAt: previous?.endedAt ?? (event.event === "agent_job_ended" ? ((epochToDate(job.state?.endedAt) ?? eventAt)?.toISOString() ?? null) : null),
  };
  const jobs = [...session.jobs.filter((j) => j.id !== job.id), next];
  const ended = event.event === "agent_job_ended" && !session.endedAt;
  await tx
    .update(voiceSessions)
    .set({ jobs, ...(ended ? { endedAt: eventAt ?? new Date(), endReason: "agent_job_ended" } : {}), updatedAt: new Date() })
    .where(eq(voiceSessions.roomSid, roomSid));
  return roomSid;
}
