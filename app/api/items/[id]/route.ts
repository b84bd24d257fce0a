// GET /api/items/{id} – one review item with its emails, revisions, decisions and history.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { getItemDetail } from "@/lib/review/data";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>("item", { access: "viewer" }, async (request, { params }) => {
  const allowRemote = request.nextUrl.searchParams.get("remote") === "1";
  const detail = await getItemDetail(await getDb(), params.id, { allowRemote });
  if (!detail) throw new AppError("not_found", "No such email in Countersign.");
  return NextResponse.json(detail);
});
