// DELETE /api/items/{id}/claim – releases the caller's claim when the review page closes
// (sent with fetch keepalive, which Server Actions cannot do).
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { releaseClaim } from "@/lib/review/claim-email";

export const dynamic = "force-dynamic";

export const DELETE = route<{ id: string }>("claim.release", { access: "reviewer" }, async (_request, { params, user }) => {
  const itemId = z.uuid().safeParse(params.id);
  if (!itemId.success) throw new AppError("not_found", "No such email.");
  await releaseClaim(await getDb(), { itemId: itemId.data, userId: user!.id });
  return NextResponse.json({ released: true });
});
