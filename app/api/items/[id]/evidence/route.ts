// GET /api/items/{id}/evidence – the evidence checks of an email's current draft, with its voice session.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { getItemEvidence } from "@/lib/livekit/data";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>("item.evidence", { access: "viewer" }, async (_request, { params }) => {
  const evidence = await getItemEvidence(await getDb(), params.id);
  if (!evidence) throw new AppError("not_found", "No such email in Countersign.");
  return NextResponse.json(evidence);
});
