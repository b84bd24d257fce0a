// Approve and reject as a signed-in reviewer (POST /api/items/{id}/decision), and delivery right
// after a decision (also for edit-and-approve). Every gate runs in the lifecycle (decide-email.ts →
// lifecycle.ts); this names who decided in MultiMail's audit words and tries delivery once with a
// short timeout (the outbox retries what does not land; the reviewer never waits on retries).
import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { actorLabel } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { decideOnceClient } from "@/lib/multimail/connection";
import { decideEmail } from "./decide-email";
import { deliverDecision, type DeliveryResult } from "./deliver-decision";
import { kickOutbox, kickOutboxAt } from "./outbox-signal";

const log = logger.child({ scope: "review-decide" });

export interface DecisionOutcome {
  delivery: DeliveryResult | "scheduled";
  /** Until when the decision can be taken back (its undo grace period), or null when it went at once. */
  undoUntil: string | null;
}

/**
 * Tries to deliver now so the reviewer usually sees "sent"; a failure leaves it to the outbox. A
 * decision with an undo grace period waits in the outbox instead ("scheduled") until `undoUntil`.
 */
export async function deliverNow(decisionId: string, undoUntil: Date | null = null): Promise<DecisionOutcome> {
  if (undoUntil) {
    kickOutboxAt(undoUntil);
    return { delivery: "scheduled", undoUntil: undoUntil.toISOString() };
  }
  try {
    return { delivery: await deliverDecision(await getDb(), decideOnceClient(), decisionId), undoUntil: null };
  } catch (error) {
    log.warn({ err: error, decisionId }, "immediate delivery failed; the outbox will retry");
    return { delivery: "retrying", undoUntil: null };
  } finally {
    kickOutbox();
  }
}

export interface ApproveInput {
  itemId: string;
  emailId: string;
  /** The reviewer confirmed a recipient the evidence checks could not match to the caller (gates.ts). */
  confirmRecipient?: boolean;
  /** The reviewer saw the contact's newer message or call that makes this draft stale. */
  acknowledgeStale?: boolean;
}

export async function approveAs(user: CurrentUser, { itemId, emailId, acknowledgeStale, confirmRecipient }: ApproveInput): Promise<DecisionOutcome> {
  const actor = actorLabel(user);
  const { decisionId, undoUntil } = await decideEmail(await getDb(), {
    itemId,
    emailId,
    action: "approve",
    reason: `Approved by ${actor} in Countersign`,
    actor,
    actorId: user.id,
    acknowledgeStale,
    confirmRecipient,
  });
  return deliverNow(decisionId, undoUntil);
}

export async function rejectAs(user: CurrentUser, { itemId, emailId, reason }: { itemId: string; emailId: string; reason: string }): Promise<DecisionOutcome> {
  const actor = actorLabel(user);
  const { decisionId, undoUntil } = await decideEmail(await getDb(), {
    itemId,
    emailId,
    action: "reject",
    // The reason lands in MultiMail's own audit log: name who decided.
    reason: `${reason} (rejected by ${actor} in Countersign)`,
    actor,
    actorId: user.id,
  });
  return deliverNow(decisionId, undoUntil);
}
