// GET /api/voice-sessions/{roomSid}/live – whether the call is still live in LiveKit ("unknown" when unreachable).
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { getSessionRoom } from "@/lib/livekit/data";
import { liveStatus } from "@/lib/livekit/room-status";

export const dynamic = "force-dynamic";

export const GET = route<{ roomSid: string }>("voice-session.live", { access: "viewer" }, async (_request, { params }) => {
  const room = await getSessionRoom(await getDb(), params.roomSid);
  if (!room) throw new AppError("not_found", "Countersign has nothing about this voice session.");
  const status = room.endedAt ? { status: "ended" as const, participants: null, checkedAt: new Date().toISOString() } : await liveStatus(room);
  return NextResponse.json(status, { headers: { "cache-control": "no-store" } });
});
