// Delivers one recorded decision to MultiMail (POST /v1/oversight/decide) until it is acknowledged.
// A claim with a lease stops two workers delivering the same row; a crash mid-call leaves the row
// to be retried when the lease lapses, and MultiMail's "not pending" answer is then reconciled.
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { decisions, reviewItems, revisions } from "@/lib/db/schema";
import type { MultiMailClient } from "@/lib/multimail/client";
import { MultiMailError } from "@/lib/multimail/errors";
import { publishChange } from "@/lib/realtime/events";
import { appendAudit } from "@/lib/audit/append-audit";
import { decidedOutcome } from "./state";

const LEASE_MS = 60_000;

export type DeliveryResult = "delivered" | "reconciled" | "superseded" | "retrying" | "failed" | "busy";

export function backoffMs(attempts: number): number {
  return Math.min(5 * 60_000, 2_000 * 2 ** Math.max(0, attempts - 1));
}

export async function deliverDecision(db: Db, client: MultiMailClient, decisionId: string): Promise<DeliveryResult> {
  const now = new Date();
  const [claimed] = await db
    .update(decisions)
    .set({ lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${decisions.attempts} + 1` })
    .where(
      and(
        eq(decisions.id, decisionId),
        eq(decisions.delivery, "pending"),
        or(isNull(decisions.lockedUntil), lt(decisions.lockedUntil, now)),
      ),
    )
    .returning();
  if (!claimed) return "busy";

  try {
    const result = await client.decide({
      emailId: claimed.emailId,
      action: claimed.action as "approve" | "reject",
      reason: claimed.reason ?? undefined,
    });
    await settle(db, claimed, "delivered", { upstreamStatus: result.status ?? null });
    return "delivered";
  } catch (error) {
    if (!(error instanceof MultiMailError)) throw error;
    if (error.kind === "conflict" || error.kind === "validation" || error.kind === "not_found") {
      return reconcileRefusal(db, client, claimed, error);
    }
    const retryable = error.retryable;
    if (!retryable) {
      await settle(db, claimed, "failed", { lastError: error.message });
      return "failed";
    }
    const delay = Math.max(error.retryAfterMs ?? 0, backoffMs(claimed.attempts));
    await db
      .update(decisions)
      .set({ lockedUntil: null, lastError: error.message, nextAttemptAt: new Date(Date.now() + delay) })
      .where(eq(decisions.id, claimed.id));
    if (claimed.attempts === 1) {
      await appendAudit(db, {
        actor: "system",
        action: "decision.delivery_failed",
        itemId: claimed.itemId,
        emailId: claimed.emailId,
        details: { error: error.message, willRetry: true },
      });
      await publishChange(db, { type: "item.updated", itemId: claimed.itemId });
    }
    return "retrying";
  }
}

/** MultiMail refused the decision: find out whether the email is already in the state we asked for. */
async function reconcileRefusal(db: Db, client: MultiMailClient, decision: typeof decisions.$inferSelect, error: MultiMailError): Promise<DeliveryResult> {
  const [email] = await db.query.emails.findMany({ where: (e, { eq }) => eq(e.id, decision.emailId), limit: 1 });
  let status: string | null = null;
  if (email) {
    try {
      status = (await client.getEmail(email.mailboxId, decision.emailId)).status;
    } catch {
      status = null;
    }
  }
  const outcome = status ? decidedOutcome(status) : null;
  const wanted = decision.action === "approve" ? "approved" : "rejected";
  if (outcome === wanted) {
    await settle(db, decision, "delivered", { upstreamStatus: status, audit: "decision.reconciled" });
    return "reconciled";
  }
  if (outcome) {
    // Decided the other way (or cancelled) outside Countersign before our decision landed.
    await db.transaction(async (tx) => {
      await tx
        .update(decisions)
        .set({ delivery: "superseded", lockedUntil: null, lastError: error.message, upstreamStatus: status })
        .where(eq(decisions.id, decision.id));
      await tx
        .update(reviewItems)
        .set({ state: "decided_elsewhere", decision: outcome === "approved" ? "approve" : outcome === "rejected" ? "reject" : "cancel", decidedBy: email?.approvedBy ?? "MultiMail", updatedAt: new Date() })
        .where(eq(reviewItems.id, decision.itemId));
      await tx
        .update(revisions)
        .set({ resendState: "abandoned", lastError: `Original was ${status} outside Countersign` })
        .where(and(eq(revisions.baseEmailId, decision.emailId), eq(revisions.resendState, "waiting_reject")));
      await appendAudit(tx, {
        actor: "system",
        action: "email.decided_elsewhere",
        itemId: decision.itemId,
        emailId: decision.emailId,
        details: { status, ourDecision: decision.action, multimailSaid: error.message },
      });
      await publishChange(tx, { type: "item.updated", itemId: decision.itemId });
    });
    return "superseded";
  }
  await settle(db, decision, "failed", { lastError: error.message });
  return "failed";
}

async function settle(
  db: Db,
  decision: typeof decisions.$inferSelect,
  delivery: "delivered" | "failed",
  extra: { upstreamStatus?: string | null; lastError?: string; audit?: "decision.reconciled" },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(decisions)
      .set({
        delivery,
        lockedUntil: null,
        deliveredAt: delivery === "delivered" ? new Date() : null,
        upstreamStatus: extra.upstreamStatus ?? null,
        lastError: extra.lastError ?? null,
      })
      .where(eq(decisions.id, decision.id));
    if (delivery === "delivered" && decision.action === "reject") {
      // An edit waits for its original's rejection before the revision is re-sent.
      await tx
        .update(revisions)
        .set({ resendState: "sending", nextAttemptAt: new Date() })
        .where(and(eq(revisions.baseEmailId, decision.emailId), eq(revisions.resendState, "waiting_reject")));
    }
    await appendAudit(tx, {
      actor: "system",
      action: delivery === "delivered" ? (extra.audit ?? "decision.delivered") : "decision.delivery_failed",
      itemId: decision.itemId,
      emailId: decision.emailId,
      details: { action: decision.action, attempts: decision.attempts, upstreamStatus: extra.upstreamStatus ?? null, error: extra.lastError ?? null },
    });
    await publishChange(tx, { type: "item.updated", itemId: decision.itemId });
  });
}
