// GET /api/contacts/{email} – one contact's timeline: calls, emails to them and from them, newest first.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { decodeSegment } from "@/lib/inbox/addresses";
import { getContactTimeline } from "@/lib/inbox/get-contact-timeline";

export const dynamic = "force-dynamic";

export const GET = route<{ email: string }>("contact", { access: "viewer" }, async (_request, { params }) => {
  const timeline = await getContactTimeline(await getDb(), decodeSegment(params.email));
  if (!timeline) throw new AppError("not_found", "Countersign has no calls or emails for this address.");
  return NextResponse.json(timeline);
});
