"use server";
// Server Actions of the review page: edit-and-approve, undo and claims. Each checks the user's role
// inside and runs a lib/review use case (every gate runs in the lifecycle, lib/review/lifecycle.ts).
// Approve and reject are a route handler instead (app/api/items/[id]/decision): the page moves to
// the next email while they run, and the App Router would hold a Server Action behind that move.
import { z } from "zod";
import { actorLabel } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { defineAction } from "@/lib/http/action";
import { sendClient } from "@/lib/multimail/connection";
import { claimItem } from "./claim-email";
import { undoDecision } from "./decide-email";
import { deliverNow } from "./decide-now";
import { editAndApprove } from "./edit-email";
import { editInputSchema } from "./schemas";

export const editEmailAction = defineAction("edit", { role: "reviewer", input: editInputSchema }, async (input, user) => {
  sendClient(); // refuse before anything is recorded when no send key is configured
  const result = await editAndApprove(await getDb(), { ...input, actor: actorLabel(user), actorId: user.id });
  return { revision: result.number, ...(await deliverNow(result.decisionId, result.undoUntil)) };
});

/** Undo: the email goes back to the queue exactly as it was; refused (conflict) once the decision went to MultiMail. */
export const undoDecisionAction = defineAction("undo", { role: "reviewer", input: z.object({ itemId: z.uuid() }) }, async ({ itemId }, user) => {
  await undoDecision(await getDb(), { itemId, actor: actorLabel(user), actorId: user.id });
  return { status: "undone" as const };
});

const claimInputSchema = z.object({ itemId: z.uuid(), takeOver: z.boolean().optional() });

/** Opening, heartbeat and take-over of a held email. */
export const claimEmailAction = defineAction("claim", { role: "reviewer", input: claimInputSchema }, async ({ itemId, takeOver }, user) => {
  const result = await claimItem(await getDb(), { itemId, takeOver, user: { id: user.id, name: user.name || user.email } });
  return result.status === "claimed"
    ? { status: result.status, expiresAt: result.expiresAt.toISOString() }
    : { status: result.status, holder: result.holder, since: result.since.toISOString() };
});
