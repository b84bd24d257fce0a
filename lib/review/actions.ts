"use server";
// Server Actions of the review page. Each checks the user's role inside, runs a lib/review use
// case (every gate runs in the lifecycle, lib/review/lifecycle.ts), and tries delivery to MultiMail
// once with a short timeout (the outbox retries what does not land; the click never waits on retries).
import { z } from "zod";
import { actorLabel } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { defineAction } from "@/lib/http/action";
import { logger } from "@/lib/logger";
import { decideOnceClient, sendClient } from "@/lib/multimail/connection";
import { claimItem } from "./claim-email";
import { decideEmail, undoDecision } from "./decide-email";
import { deliverDecision, type DeliveryResult } from "./deliver-decision";
import { editAndApprove } from "./edit-email";
import { kickOutbox, kickOutboxAt } from "./outbox-signal";
import { approveInputSchema, editInputSchema, rejectInputSchema } from "./schemas";

const log = logger.child({ scope: "review-actions" });

/**
 * Tries to deliver now so the reviewer usually sees "sent"; a failure leaves it to the outbox. A
 * decision with an undo grace period waits in the outbox instead ("scheduled") until `undoUntil`.
 */
async function deliverNow(decisionId: string, undoUntil: Date | null = null): Promise<{ delivery: DeliveryResult | "scheduled"; undoUntil: string | null }> {
  if (undoUntil) {
    kickOutboxAt(undoUntil);
    return { delivery: "scheduled", undoUntil: undoUntil.toISOString() };
  }
  return { delivery: await deliverAtOnce(decisionId), undoUntil: null };
}

async function deliverAtOnce(decisionId: string): Promise<DeliveryResult> {
  try {
    return await deliverDecision(await getDb(), decideOnceClient(), decisionId);
  } catch (error) {
    log.warn({ err: error, decisionId }, "immediate delivery failed; the outbox will retry");
    return "retrying";
  } finally {
    kickOutbox();
  }
}

export const approveEmailAction = defineAction(
  "approve",
  { role: "reviewer", input: approveInputSchema },
  async ({ itemId, emailId, acknowledgeStale, confirmRecipient }, user) => {
    const actor = actorLabel(user);
    const { decisionId, undoUntil } = await decideEmail(await getDb(), {
      itemId,
      emailId,
      action: "approve",
      reason: `Approved by ${actor} in Countersign`,
      actor,
      actorId: user.id,
      // A stale draft needs an acknowledgement and an unsupported recipient a confirmation (gates.ts).
      acknowledgeStale,
      confirmRecipient,
    });
    return deliverNow(decisionId, undoUntil);
  },
);

export const rejectEmailAction = defineAction("reject", { role: "reviewer", input: rejectInputSchema }, async ({ itemId, emailId, reason }, user) => {
  const actor = actorLabel(user);
  const { decisionId, undoUntil } = await decideEmail(await getDb(), {
    itemId,
    emailId,
    action: "reject",
    // The reason lands in MultiMail's own audit log: name who decided (issue: reviewer accounts).
    reason: `${reason} (rejected by ${actor} in Countersign)`,
    actor,
    actorId: user.id,
  });
  return deliverNow(decisionId, undoUntil);
});

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
