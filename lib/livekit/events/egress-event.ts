// egress_started / _updated / _ended: the call's recordings and their files. egress_ended often
// arrives after room_finished (egress#364), and an older update must not undo a final status.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { voiceRecordings } from "@/lib/db/schema";
import { epochToDate, nanosToSeconds, type LiveKitEvent } from "../webhook-event";
import { touchSession } from "./touch-session";

const RANK: Record<string, number> = { EGRESS_STARTING: 0, EGRESS_ACTIVE: 1, EGRESS_ENDING: 2 };
const rank = (status: string) => RANK[status] ?? 3; // COMPLETE, FAILED, ABORTED, LIMIT_REACHED: final

export async function applyEgressEvent(tx: Db, event: LiveKitEvent, eventAt: Date | null): Promise<string | null> {
  const egress = event.egressInfo;
  if (!egress) return null;
  const roomSid = egress.roomId ?? event.room?.sid ?? null;
  if (roomSid) await touchSession(tx, { roomSid, room: event.room, roomName: egress.roomName, eventAt });
  await tx.insert(voiceRecordings).values({ egressId: egress.egressId, roomSid, roomName: egress.roomName, status: egress.status }).onConflictDoNothing();
  const [row] = await tx.select().from(voiceRecordings).where(eq(voiceRecordings.egressId, egress.egressId)).for("update");
  if (!row) return roomSid;
  const patch: Partial<typeof voiceRecordings.$inferInsert> = { updatedAt: new Date() };
  if (rank(egress.status) >= rank(row.status)) patch.status = egress.status;
  if (!row.roomSid && roomSid) patch.roomSid = roomSid;
  if (!row.roomName && egress.roomName) patch.roomName = egress.roomName;
  patch.startedAt = row.startedAt ?? epochToDate(egress.startedAt);
  patch.endedAt = row.endedAt ?? epochToDate(egress.endedAt);
  if (egress.error) patch.error = egress.error;
  if (egress.fileResults.length > 0) {
    patch.files = egress.fileResults.map((f) => ({
      filename: f.filename,
      location: f.location,
      sizeBytes: f.size !== undefined ? Number(f.size) : null,
      durationSeconds: nanosToSeconds(f.duration),
    }));
  }
  await tx.update(voiceRecordings).set(patch).where(eq(voiceRecordings.egressId, egress.egressId));
  return roomSid;
}
