// GET /api/items/{id}/history – an email's story (its audit entries in words, oldest first), the
// review page's History panel.
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { getItemHistory, itemExists } from "@/lib/review/data";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>("item.history", { access: "viewer" }, async (_request, { params }) => {
  const db = await getDb();
  const [exists, history] = await Promise.all([itemExists(db, params.id), getItemHistory(db, params.id)]);
  if (!exists || !history) throw new AppError("not_found", "No such email in Countersign.");
  return NextResponse.json(history);
});
