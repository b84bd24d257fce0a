// participant_joined / _left / _connection_aborted (and track_* carrying a participant): who was on
// the call, with their metadata and attributes as LiveKit last reported them. A participant can
// leave without ever having joined (livekit#1130), and joined/left can arrive in either order.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { voiceParticipants } from "@/lib/db/schema";
import { callerContact, mayBeCaller } from "../caller";
import { participantJoinedAt, type LiveKitEvent } from "../webhook-event";
import { isNewer, touchSession } from "./touch-session";

const LEAVING = new Set(["participant_left", "participant_connection_aborted"]);

export async function applyParticipantEvent(tx: Db, event: LiveKitEvent, eventAt: Date | null): Promise<string | null> {
  const roomSid = event.room?.sid;
  const p = event.participant;
  if (!roomSid || !p?.identity) return null;
  await touchSession(tx, { roomSid, room: event.room, eventAt });
  await tx.insert(voiceParticipants).values({ roomSid, identity: p.identity, kind: p.kind }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(voiceParticipants)
    .where(and(eq(voiceParticipants.roomSid, roomSid), eq(voiceParticipants.identity, p.identity)))
    .for("update");
  if (!row) return roomSid;

  const newer = isNewer(eventAt, row.lastEventAt);
  const patch: Partial<typeof voiceParticipants.$inferInsert> = {};
  const take = <K extends "sid" | "name" | "metadata" | "disconnectReason">(key: K, value: string | null) => {
    if (value && (newer || !row[key])) patch[key] = value;
  };
  take("sid", p.sid);
  take("name", p.name);
  take("metadata", p.metadata);
  take("disconnectReason", p.disconnectReason);
  if (newer || row.kind === "STANDARD") patch.kind = p.kind;
  if (Object.keys(p.attributes).length > 0 && (newer || Object.keys(row.attributes).length === 0)) patch.attributes = p.attributes;
  // The caller's address, kept normalised so a contact's calls are found by an index ('' = none).
  const merged = { ...row, ...patch };
  const contactEmail = mayBeCaller(merged) ? (callerContact(merged).email?.toLowerCase() ?? "") : "";
  if (contactEmail !== row.contactEmail) patch.contactEmail = contactEmail;

  const joinedAt = participantJoinedAt(p) ?? (event.event === "participant_joined" ? eventAt : null);
  if (joinedAt && !row.joinedAt) patch.joinedAt = joinedAt;
  if (LEAVING.has(event.event)) {
    if (!row.leftAt || (eventAt && eventAt > row.leftAt)) patch.leftAt = eventAt ?? new Date();
  } else if (event.event === "participant_joined" && row.leftAt && joinedAt && joinedAt > row.leftAt) {
    // Re-joined after leaving (same identity, new connection).
    patch.leftAt = null;
    patch.joinedAt = joinedAt;
  }
  if (eventAt && newer) patch.lastEventAt = eventAt;
  if (Object.keys(patch).length > 0) await tx.update(voiceParticipants).set(patch).where(eq(voiceParticipants.id, row.id));
  return roomSid;
}
