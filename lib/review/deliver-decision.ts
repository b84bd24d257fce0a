// Delivers one recorded decision to MultiMail (POST /v1/oversight/decide) until it is acknowledged.
// A short claim stops two workers delivering the same row; a crash mid-call leaves the row to be
// retried within seconds. A refusal (400/404/409) is never taken as final: the email is re-read and
// the answer reconciled — already decided our way, decided another way, or still held (then retried,
// and after a few refusals handed back to a reviewer with MultiMail's message, never shown "approved").
import { and, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { decisions, emails, revisions } from "@/lib/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import type { MultiMailClient } from "@/lib/multimail/client";
import { MultiMailError } from "@/lib/multimail/errors";
import type { MultiMailEmail } from "@/lib/multimail/schemas";
import { publishChange } from "@/lib/realtime/events";
import { transition } from "./lifecycle";
import { decidedOutcome, isHeldStatus } from "./state";

/**
 * Longer than one delivery: the outbox client's three attempts of at most 5 s and their backoff
 * (lib/multimail/connection.ts). A crashed process's decision is taken up again once it lapses.
 */
export const DELIVERY_LEASE_MS = 25_000;
/** Refusals of an email MultiMail still holds before a reviewer is asked to look again. */
const MAX_REFUSALS = 3;

export type DeliveryResult = "delivered" | "reconciled" | "superseded" | "retrying" | "refused" | "busy";
type Decision = typeof decisions.$inferSelect;

export function backoffMs(attempts: number): number {
  return Math.min(5 * 60_000, 2_000 * 2 ** Math.max(0, attempts - 1));
}

export async function deliverDecision(db: Db, client: MultiMailClient, decisionId: string): Promise<DeliveryResult> {
  const now = new Date();
  const [claimed] = await db
    .update(decisions)
    .set({ lockedUntil: new Date(now.getTime() + DELIVERY_LEASE_MS), attempts: sql`${decisions.attempts} + 1` })
    .where(
      and(
        eq(decisions.id, decisionId),
        eq(decisions.delivery, "pending"),
        // Not before its time: a decision waiting out its undo grace period is never sent early.
        lte(decisions.nextAttemptAt, now),
        or(isNull(decisions.lockedUntil), lt(decisions.lockedUntil, now)),
      ),
    )
    .returning();
  if (!claimed) return "busy";

  try {
    const result = await client.decide({ emailId: claimed.emailId, action: claimed.action, reason: claimed.reason ?? undefined });
    await settle(db, claimed, { upstreamStatus: result.status ?? null, audit: "decision.delivered" });
    return "delivered";
  } catch (error) {
    if (!(error instanceof MultiMailError)) {
      await retryLater(db, claimed, error instanceof Error ? error.message : String(error));
      throw error;
    }
    // A refusal may mean "already decided" or "not pending yet": ask MultiMail what the email is now.
    if (error.kind === "conflict" || error.kind === "validation" || error.kind === "not_found") return reconcileRefusal(db, client, claimed, error);
    await retryLater(db, claimed, error.message, error.retryAfterMs);
    return "retrying";
  }
}

async function reconcileRefusal(db: Db, client: MultiMailClient, decision: Decision, refusal: MultiMailError): Promise<DeliveryResult> {
  const [stored] = await db.select({ mailboxId: emails.mailboxId }).from(emails).where(eq(emails.id, decision.emailId));
  let email: MultiMailEmail | null = null;
  if (stored) {
    try {
      email = await client.getEmail(stored.mailboxId, decision.emailId);
    } catch (error) {
      if (!(error instanceof MultiMailError) || error.kind !== "not_found") {
        // Could not find out (an outage): the decision stays queued.
        await retryLater(db, decision, `${refusal.message}; re-reading the email failed: ${error instanceof Error ? error.message : String(error)}`);
        return "retrying";
      }
    }
  }
  const outcome = email ? decidedOutcome(email) : null;
  const wanted = decision.action === "approve" ? "approved" : "rejected";
  if (outcome === wanted) {
    await settle(db, decision, { upstreamStatus: email!.status, audit: "decision.reconciled" });
    return "reconciled";
  }
  if (outcome && email) {
    // Decided the other way (or cancelled) outside Countersign before our decision landed.
    await db.transaction(async (tx) => {
      await tx
        .update(decisions)
        .set({ delivery: "superseded", lockedUntil: null, lastError: refusal.message, upstreamStatus: email.status })
        .where(eq(decisions.id, decision.id));
      await abandonWaitingRevision(tx, decision.emailId, `Original was decided outside Countersign (${email.status})`);
      await transition(tx, decision.itemId, {
        type: "decided_elsewhere",
        outcome,
        by: email.approvedBy ?? null,
        at: email.approvedAt ? new Date(email.approvedAt) : null,
        emailId: decision.emailId,
        details: { status: email.status, approvedBy: email.approvedBy, ourDecision: decision.action, multimailSaid: refusal.message },
      });
    });
    return "superseded";
  }
  const stillHeld = email !== null && isHeldStatus(email.status);
  if (decision.attempts < MAX_REFUSALS) {
    await retryLater(
      db,
      decision,
      `${refusal.message} (${stillHeld ? "MultiMail still holds the email" : email ? `status ${email.status}` : "MultiMail does not find the email"})`,
    );
    return "retrying";
  }
  // MultiMail keeps refusing: the reviewer must look again, with MultiMail's own words.
  const attention = stillHeld
    ? `MultiMail refused the ${decision.action === "approve" ? "approval" : "rejection"} and still holds this email: “${refusal.message}”. Decide again, or ask an admin.`
    : `MultiMail refused the ${decision.action === "approve" ? "approval" : "rejection"} (“${refusal.message}”) and ${email ? `reports the email as ${email.status}` : "no longer finds this email"}. Check it in MultiMail.`;
  await db.transaction(async (tx) => {
    await tx
      .update(decisions)
      .set({ delivery: "failed", lockedUntil: null, lastError: refusal.message, upstreamStatus: email?.status ?? null })
      .where(eq(decisions.id, decision.id));
    await abandonWaitingRevision(tx, decision.emailId, `MultiMail refused to reject the original: ${refusal.message}`);
    await transition(tx, decision.itemId, {
      type: "return_to_review",
      attention,
      audit: "decision.refused",
      details: { action: decision.action, attempts: decision.attempts, status: email?.status ?? null, multimailSaid: refusal.message, httpStatus: refusal.status },
    });
  });
  return "refused";
}

async function retryLater(db: Db, decision: Decision, message: string, retryAfterMs = 0): Promise<void> {
  const delay = Math.max(retryAfterMs, backoffMs(decision.attempts));
  await db.transaction(async (tx) => {
    await tx
      .update(decisions)
      .set({ lockedUntil: null, lastError: message, nextAttemptAt: new Date(Date.now() + delay) })
      .where(eq(decisions.id, decision.id));
    if (decision.attempts === 1) {
      await appendAudit(tx, {
        actor: "system",
        action: "decision.delivery_failed",
        itemId: decision.itemId,
        emailId: decision.emailId,
        details: { error: message, willRetry: true },
      });
    }
    await publishChange(tx, { type: "item.updated", itemId: decision.itemId });
  });
}

async function abandonWaitingRevision(tx: Db, baseEmailId: string, why: string): Promise<void> {
  await tx
    .update(revisions)
    .set({ resendState: "abandoned", lastError: why })
    .where(and(eq(revisions.baseEmailId, baseEmailId), eq(revisions.resendState, "waiting_reject")));
}

async function settle(db: Db, decision: Decision, extra: { upstreamStatus: string | null; audit: "decision.delivered" | "decision.reconciled" }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(decisions)
      .set({ delivery: "delivered", lockedUntil: null, deliveredAt: new Date(), upstreamStatus: extra.upstreamStatus, lastError: null })
      .where(eq(decisions.id, decision.id));
    if (decision.action === "reject") {
      // An edit waits for its original's rejection before the revision is re-sent.
      await tx
        .update(revisions)
        .set({ resendState: "sending", nextAttemptAt: new Date() })
        .where(and(eq(revisions.baseEmailId, decision.emailId), eq(revisions.resendState, "waiting_reject")));
    }
    await appendAudit(tx, {
      actor: "system",
      action: extra.audit,
      itemId: decision.itemId,
      emailId: decision.emailId,
      details: { action: decision.action, attempts: decision.attempts, upstreamStatus: extra.upstreamStatus },
    });
    await publishChange(tx, { type: "item.updated", itemId: decision.itemId });
  });
}
