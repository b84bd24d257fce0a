// The voice sessions of contacts (by email address): calls whose caller LiveKit reported with that
// address (participant metadata or attributes, lib/livekit/caller.ts), and calls an email named
// when the agent recorded the caller's address in the email's metadata.
import { and, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { readAll } from "@/lib/db/read-all";
import { reviewItems, voiceParticipants, voiceSessions } from "@/lib/db/schema";
import { callerContact } from "@/lib/livekit/caller";
import { addressOf } from "./addresses";

export interface ContactSession {
  roomSid: string;
  roomName: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  /** The caller's name as LiveKit or the agent gave it. */
  caller: string | null;
  /** The contact address the session belongs to (lower-case). */
  address: string;
}

export async function sessionsOfContacts(db: Db, addresses: readonly string[]): Promise<ContactSession[]> {
  const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))];
  if (wanted.length === 0) return [];
  // Both lookups are index-backed: the caller address normalised on write, and lower(caller_email).
  const [participants, items] = await readAll(db, [
    () => db.select().from(voiceParticipants).where(inArray(voiceParticipants.contactEmail, wanted)).limit(500),
    () =>
      db
        .select({ roomSid: reviewItems.roomSid, callerEmail: reviewItems.callerEmail, callerName: reviewItems.callerName, heldAt: reviewItems.heldAt })
        .from(reviewItems)
        .where(and(isNotNull(reviewItems.roomSid), inArray(sql`lower(${reviewItems.callerEmail})`, wanted)))
        .limit(500),
  ] as const);

  const found = new Map<string, { address: string; caller: string | null; joinedAt: Date | null }>();
  for (const p of participants) {
    if (!p.contactEmail || found.has(p.roomSid)) continue;
    found.set(p.roomSid, { address: p.contactEmail, caller: callerContact(p).name, joinedAt: p.joinedAt });
  }
  for (const item of items) {
    const address = addressOf(item.callerEmail);
    if (!item.roomSid || !address || found.has(item.roomSid)) continue;
    found.set(item.roomSid, { address, caller: item.callerName, joinedAt: null });
  }
  if (found.size === 0) return [];

  const rooms = await db
    .select()
    .from(voiceSessions)
    .where(inArray(voiceSessions.roomSid, [...found.keys()]));
  const byRoom = new Map(rooms.map((r) => [r.roomSid, r]));
  return [...found.entries()].map(([roomSid, f]) => {
    const room = byRoom.get(roomSid);
    return {
      roomSid,
      roomName: room?.roomName ?? null,
      startedAt: room?.startedAt ?? f.joinedAt,
      endedAt: room?.endedAt ?? null,
      caller: f.caller,
      address: f.address,
    };
  });
}
