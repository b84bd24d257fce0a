// GET /api/voice-sessions/{roomSid} – one voice session: participants, recordings, transcript timeline, emails.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { getSessionDetail } from "@/lib/livekit/data";

export const dynamic = "force-dynamic";

export const GET = route<{ roomSid: string }>("voice-session", { access: "viewer" }, async (_request, { params }) => {
  const detail = await getSessionDetail(await getDb(), params.roomSid);
  if (!detail) throw new AppError("not_found", "Countersign has nothing about this voice session.");
  return NextResponse.json(detail);
});
