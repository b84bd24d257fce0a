// POST /api/items/{id}/decision – approve or reject a held email: `{action: "approve", emailId,
// confirmRecipient?, acknowledgeStale?}` or `{action: "reject", emailId, reason}`. The review page
// sends its decision here with fetch and moves to the next email at once: a route handler runs
// beside the App Router, where a Server Action would wait behind that navigation (or it behind the
// action). Answers `{delivery, undoUntil}`; a refusal is our error shape with what it asks for in
// `details` (a gate's confirmation, a stale acknowledgement), 409 when someone else decided first.
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readRawBody } from "@/lib/http/read-body";
import { route } from "@/lib/http/route";
import { approveAs, rejectAs } from "@/lib/review/decide-now";
import { decisionBodySchema } from "@/lib/review/schemas";

export const dynamic = "force-dynamic";

/** A reason is at most 1000 characters; the rest of the body is a few ids. */
const MAX_BYTES = 16 * 1024;

export const POST = route<{ id: string }>("decision", { access: "reviewer" }, async (request, { params, user }) => {
  const itemId = z.uuid().safeParse(params.id);
  if (!itemId.success) throw new AppError("not_found", "No such email in Countersign.");
  let raw: unknown;
  try {
    raw = JSON.parse(await readRawBody(request, MAX_BYTES));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "The body must be JSON.");
  }
  const body = decisionBodySchema.safeParse(raw);
  if (!body.success) throw new AppError("validation", body.error.issues.map((i) => i.message).join(" "));
  const outcome =
    body.data.action === "approve" ? await approveAs(user!, { itemId: itemId.data, ...body.data }) : await rejectAs(user!, { itemId: itemId.data, ...body.data });
  return NextResponse.json(outcome, { headers: { "cache-control": "no-store" } });
});
