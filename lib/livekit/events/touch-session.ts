// Creates or updates the session row of a room from any event that names it. Events arrive out of
// order (livekit.md §5), so a field is only overwritten by a newer event, and the row is locked
// while one event applies.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { voiceSessions } from "@/lib/db/schema";
import { roomStartedAt, type LiveKitRoom } from "../webhook-event";

export type SessionRow = typeof voiceSessions.$inferSelect;

export function isNewer(eventAt: Date | null, lastEventAt: Date | null): boolean {
  return !lastEventAt || (eventAt !== null && eventAt.getTime() >= lastEventAt.getTime());
}

export async function touchSession(
  tx: Db,
  input: { roomSid: string; room?: Partial<LiveKitRoom> | null; roomName?: string | null; eventAt: Date | null },
): Promise<SessionRow> {
  const roomName = input.room?.name ?? input.roomName ?? null;
  await tx.insert(voiceSessions).values({ roomSid: input.roomSid, roomName }).onConflictDoNothing();
  const [row] = await tx.select().from(voiceSessions).where(eq(voiceSessions.roomSid, input.roomSid)).for("update");
  if (!row) throw new Error(`voice session ${input.roomSid} vanished`);
  const newer = isNewer(input.eventAt, row.lastEventAt);
  const startedAt = input.room ? roomStartedAt(input.room as LiveKitRoom) : null;
  const patch: Partial<SessionRow> = {};
  if (!row.roomName && roomName) patch.roomName = roomName;
  if (!row.startedAt && startedAt) patch.startedAt = startedAt;
  if (input.room?.metadata && (newer || !row.roomMetadata)) patch.roomMetadata = input.room.metadata;
  if (input.eventAt && newer) patch.lastEventAt = input.eventAt;
  if (Object.keys(patch).length === 0) return row;
  const [updated] = await tx
    .update(voiceSessions)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(voiceSessions.roomSid, input.roomSid))
    .returning();
  return updated ?? { ...row, ...patch };
}
