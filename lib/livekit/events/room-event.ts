// room_started / room_finished: when the call began and ended, and why it ended.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { voiceSessions } from "@/lib/db/schema";
import type { LiveKitEvent } from "../webhook-event";
import { touchSession } from "./touch-session";

export async function applyRoomEvent(tx: Db, event: LiveKitEvent, eventAt: Date | null): Promise<string | null> {
  const roomSid = event.room?.sid;
  if (!roomSid) return null;
  const session = await touchSession(tx, { roomSid, room: event.room, eventAt });
  if (event.event === "room_started" && !session.startedAt) {
    await tx
      .update(voiceSessions)
      .set({ startedAt: eventAt ?? new Date() })
      .where(eq(voiceSessions.roomSid, roomSid));
  }
  if (event.event === "room_finished") {
    // room_finished is the authority on the end: it overrides an end inferred from agent_job_ended.
    await tx
      .update(voiceSessions)
      .set({
        endedAt: session.endedAt && session.endReason !== "agent_job_ended" ? session.endedAt : (eventAt ?? new Date()),
        endReason: event.roomEndReason ?? "ROOM_END_UNKNOWN",
        updatedAt: new Date(),
      })
      .where(eq(voiceSessions.roomSid, roomSid));
  }
  return roomSid;
}
