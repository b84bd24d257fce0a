// The only code that moves a review item. transition() locks the row, checks the move against the
// state table (state.ts), runs the gates of a reviewer's decision (gates.ts), writes the change with a
// version bump, its decision or revision, and its audit entries, and publishes it — all in the
// caller's transaction, so a refused move leaves nothing behind and no path can skip a rule.
import { and, desc, eq, max } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { decisions, emails, reviewItems, revisions } from "@/lib/db/schema";
import { appendAudit, type AuditEntry } from "@/lib/audit/append-audit";
import { AppError } from "@/lib/errors";
import { enqueueTransitionHooks } from "@/lib/hooks/enqueue";
import { publishChange } from "@/lib/realtime/events";
import { previewOf } from "@/lib/render/preview";
import { contentHash } from "./content-hash";
import { describeDecided } from "./describe";
import { fourEyesEnabled } from "./four-eyes";
import { searchTextOf } from "@/lib/text/search-text";
import { checkReviewerGates, type DraftContent, type GateAnswers, type Reviewer } from "./gates";
import { canMove, outcomeDecision, type ItemState } from "./state";
import { undoGraceSeconds } from "./undo-grace";

type Item = typeof reviewItems.$inferSelect;
type ItemChange = Partial<typeof reviewItems.$inferInsert>;

/** The email a move puts in front of the reviewer (a re-sent edit). */
interface CurrentEmail {
  id: string;
  subject: string;
  to: string[];
  markdown: string;
}

export type ItemEvent =
  | { type: "approve"; by: Reviewer; emailId?: string; reason: string; answers?: GateAnswers }
  | { type: "reject"; by: Reviewer; emailId?: string; reason: string }
  | { type: "edit"; by: Reviewer; emailId?: string; revision: DraftContent; answers?: GateAnswers }
  /** The reviewer takes back their decision while it still waits out the grace period in the outbox. */
  | { type: "undo"; by: Reviewer }
  /** The re-sent edit came back matching its revision: approved on the author's behalf (four-eyes permitting). */
  | { type: "resend_matched"; email: CurrentEmail; revision: { id: string; number: number; author: string } }
  /** Back to a reviewer: a re-send that did not match, or MultiMail refused our decision while still holding the email. */
  | { type: "return_to_review"; attention: string; email?: CurrentEmail; audit: AuditEntry["action"]; details?: Record<string, unknown> }
  /** MultiMail says the email was decided another way (its own UI, the API, a cancel). */
  | { type: "decided_elsewhere"; outcome: "approved" | "rejected" | "cancelled"; by: string | null; at: Date | null; emailId: string; details: Record<string, unknown> };

export interface TransitionResult {
  item: Item;
  from: ItemState;
  to: ItemState;
  /** The decision row a reviewer's move or an automatic approval queued for MultiMail. */
  decisionId?: string;
  /** Until when the decision can be undone (it waits in the outbox until then); null when it goes at once. */
  undoUntil?: Date | null;
  revision?: { id: string; number: number };
}

const targetOf: Record<ItemEvent["type"], ItemState> = {
  approve: "approved",
  reject: "rejected",
  edit: "edited",
  undo: "pending",
  resend_matched: "approved",
  return_to_review: "pending",
  decided_elsewhere: "decided_elsewhere",
};

/** Moves one item; throws AppError (conflict, validation, forbidden, not_found) and changes nothing when refused. */
export async function transition(tx: Db, itemId: string, event: ItemEvent): Promise<TransitionResult> {
  const [item] = await tx.select().from(reviewItems).where(eq(reviewItems.id, itemId)).for("update");
  if (!item) throw new AppError("not_found", "This email is not in the queue.");

  const audits: AuditEntry[] = [];
  if (event.type === "approve" || event.type === "reject" || event.type === "edit") {
    audits.push(
      ...(await checkReviewerGates(tx, item, {
        kind: event.type,
        by: event.by,
        emailId: event.emailId,
        answers: "answers" in event ? event.answers : undefined,
        revision: event.type === "edit" ? event.revision : undefined,
      })),
    );
  }
  let to = targetOf[event.type];
  // Four-eyes: an edit is verified on its way back, but its author may not approve it.
  const fourEyesHold = event.type === "resend_matched" && (await fourEyesEnabled(tx));
  if (fourEyesHold) to = "pending";
  if (!canMove(item.state, to)) throw new AppError("conflict", describeDecided(item), { state: item.state });

  const now = new Date();
  const result: TransitionResult = { item, from: item.state, to };
  let change: ItemChange;
  switch (event.type) {
    case "approve":
    case "reject": {
      const reason = event.reason.trim();
      if (event.type === "reject" && !reason) throw new AppError("validation", "A rejection needs a reason.");
      change = decided(event.type, event.by.label, reason, now);
      const queued = await queueUndoable(tx, item, event.type, reason, event.by.label, change, now);
      Object.assign(result, queued);
      audits.push({
        actor: event.by.label,
        action: "decision.recorded",
        itemId: item.id,
        emailId: item.currentEmailId,
        details: { action: event.type, reason, subject: item.subject, to: item.toAddresses },
      });
      break;
    }
    case "edit": {
      const edit = await recordRevision(tx, item, event.revision, event.by);
      result.revision = { id: edit.revisionId, number: edit.number };
      change = {
        ...decided("edit", event.by.label, edit.reason, now),
        subject: edit.content.subject,
        toAddresses: edit.content.to,
        searchText: searchTextOf({ ...item, from: item.fromAddress, to: edit.content.to, subject: edit.content.subject, markdown: edit.content.markdown }),
        authoredBy: event.by.id ?? null,
      };
      const queued = await queueUndoable(tx, item, "reject", edit.reason, event.by.label, change, now);
      Object.assign(result, queued);
      audits.push(
        {
          actor: event.by.label,
          action: "email.edited",
          itemId: item.id,
          emailId: item.currentEmailId,
          details: { revision: edit.number, before: edit.before, after: edit.content },
        },
        { actor: event.by.label, action: "decision.recorded", itemId: item.id, emailId: item.currentEmailId, details: { action: "reject", reason: edit.reason } },
      );
      break;
    }
    case "undo": {
      change = await takeBack(tx, item, event.by);
      audits.push({
        actor: event.by.label,
        action: "decision.undone",
        itemId: item.id,
        emailId: item.currentEmailId,
        details: { state: item.state, subject: item.subject },
      });
      break;
    }
    case "resend_matched": {
      const { email, revision } = event;
      audits.push({
        actor: "system",
        action: "revision.matched",
        itemId: item.id,
        emailId: email.id,
        details: { revision: revision.number, ...(fourEyesHold ? { fourEyes: true } : {}) },
      });
      if (fourEyesHold) {
        change = backToReview(item, email, `Edited by ${revision.author} (revision ${revision.number}); four-eyes is on, so another reviewer must approve it.`);
        break;
      }
      const reason = `Edited in Countersign by ${revision.author} (revision ${revision.number}); re-sent content verified against the approved revision.`;
      result.decisionId = await queueDecision(tx, item.id, email.id, "approve", reason, revision.author);
      change = { currentEmailId: email.id, decisionReason: reason, decidedAt: now };
      audits.push({ actor: revision.author, action: "decision.recorded", itemId: item.id, emailId: email.id, details: { action: "approve", reason, automatic: true } });
      break;
    }
    case "return_to_review":
      change = backToReview(item, event.email ?? null, event.attention);
      audits.push({
        actor: "system",
        action: event.audit,
        itemId: item.id,
        emailId: event.email?.id ?? item.currentEmailId,
        details: { attention: event.attention, ...event.details },
      });
      break;
    case "decided_elsewhere":
      change = { state: "decided_elsewhere", decision: outcomeDecision(event.outcome), decidedBy: event.by ?? "MultiMail", decidedAt: event.at ?? now, attention: null };
      audits.push({ actor: "multimail", action: "email.decided_elsewhere", itemId: item.id, emailId: event.emailId, details: event.details });
      break;
  }

  const [updated] = await tx
    .update(reviewItems)
    .set({ ...change, state: to, version: item.version + 1, updatedAt: now })
    .where(and(eq(reviewItems.id, item.id), eq(reviewItems.version, item.version)))
    .returning();
  if (!updated) throw new AppError("conflict", "Someone else changed this email a moment ago.");
  await appendAudit(tx, ...audits);
  // Downstream hooks (item.approved, …) are queued with the move: a reviewer's wait out the undo period, an undo drops them.
  await enqueueTransitionHooks(tx, { event, item: updated, to, decisionId: result.decisionId, undoUntil: result.undoUntil, revision: result.revision });
  await publishChange(tx, { type: "item.updated", itemId: item.id });
  return { ...result, item: updated };
}

function decided(decision: "approve" | "reject" | "edit", by: string, reason: string, at: Date): ItemChange {
  return { decision, decidedBy: by, decidedAt: at, decisionReason: reason, attention: null };
}

function backToReview(item: Item, email: CurrentEmail | null, attention: string): ItemChange {
  const current: ItemChange = email
    ? {
        currentEmailId: email.id,
        subject: email.subject,
        toAddresses: email.to,
        preview: previewOf(email.markdown),
        searchText: searchTextOf({ ...item, from: item.fromAddress, ...email }),
      }
    : {};
  return { ...current, attention, decision: null, decidedBy: null, decidedAt: null, decisionReason: null };
}

/** The fields a reviewer's decision changes, as they were: what an undo puts back. */
const restorable = ["subject", "toAddresses", "searchText", "authoredBy", "attention", "decision", "decidedBy", "decidedAt", "decisionReason"] as const;

/** A reviewer's decision: it waits out the grace period in the outbox, remembering the item as it was. */
async function queueUndoable(tx: Db, item: Item, action: "approve" | "reject", reason: string, actor: string, change: ItemChange, now: Date) {
  const graceMs = (await undoGraceSeconds(tx)) * 1000;
  const undoUntil = graceMs > 0 ? new Date(now.getTime() + graceMs) : null;
  const restore = Object.fromEntries(restorable.filter((key) => key in change).map((key) => [key, item[key] instanceof Date ? item[key].toISOString() : item[key]]));
  const decisionId = await queueDecision(tx, item.id, item.currentEmailId, action, reason, actor, { notBefore: undoUntil ?? now, restore: undoUntil ? restore : null });
  return { decisionId, undoUntil };
}

/**
 * Undo: the item's latest decision, if it is the reviewer's own and has never been sent to MultiMail
 * (not attempted, not being delivered), is marked undone and the item put back exactly as it was.
 * Row locks order this against delivery: deliver-decision.ts claims only a pending decision whose
 * grace is over, so either the claim or the undo wins, never both.
 */
async function takeBack(tx: Db, item: Item, by: Reviewer): Promise<ItemChange> {
  const [decision] = await tx.select().from(decisions).where(eq(decisions.itemId, item.id)).orderBy(desc(decisions.createdAt)).limit(1).for("update");
  const sent = "This decision has already gone to MultiMail, so it can't be undone.";
  if (!decision || decision.delivery !== "pending" || decision.emailId !== item.currentEmailId)
    throw new AppError("conflict", decision ? sent : "There is no decision to undo.");
  if (!decision.restore) throw new AppError("conflict", "This decision went to MultiMail at once (no undo period), so it can't be undone.");
  if (decision.actor !== by.label) throw new AppError("forbidden", "Only the reviewer who made a decision can undo it.");
  if (decision.attempts > 0 || (decision.lockedUntil && decision.lockedUntil > new Date())) throw new AppError("conflict", sent);
  await tx.update(decisions).set({ delivery: "undone", lockedUntil: null }).where(eq(decisions.id, decision.id));
  if (item.state === "edited") {
    // The revision waits for the original's rejection: it is never sent.
    await tx
      .update(revisions)
      .set({ resendState: "abandoned", lastError: "The edit was undone." })
      .where(and(eq(revisions.itemId, item.id), eq(revisions.baseEmailId, item.currentEmailId), eq(revisions.resendState, "waiting_reject")));
  }
  const restore = decision.restore as Record<string, unknown>;
  return Object.fromEntries(
    restorable.filter((key) => key in restore).map((key) => [key, key === "decidedAt" && typeof restore[key] === "string" ? new Date(restore[key]) : restore[key]]),
  ) as ItemChange;
}

/** The outbox row; one live decision per email (a refused or undone one leaves room for the next). */
async function queueDecision(
  tx: Db,
  itemId: string,
  emailId: string,
  action: "approve" | "reject",
  reason: string | null,
  actor: string,
  options: { notBefore?: Date; restore?: Record<string, unknown> | null } = {},
): Promise<string> {
  const [decision] = await tx
    .insert(decisions)
    .values({ itemId, emailId, action, reason: reason || null, actor, nextAttemptAt: options.notBefore ?? new Date(), restore: options.restore ?? null })
    .onConflictDoNothing()
    .returning({ id: decisions.id });
  if (!decision) throw new AppError("conflict", "This email already has a decision.");
  return decision.id;
}

/** Stores an edit as the item's next revision; refuses one that changes nothing. */
async function recordRevision(tx: Db, item: Item, draft: DraftContent, by: Reviewer) {
  const [original] = await tx.select().from(emails).where(eq(emails.id, item.currentEmailId));
  if (!original) throw new AppError("not_found", "The held email has not been synced yet.");
  const content = { subject: draft.subject.trim(), markdown: draft.markdown.replace(/\r\n/g, "\n"), to: draft.to, cc: draft.cc };
  const before = { subject: original.subject, markdown: original.markdown, to: original.toAddresses, cc: original.ccAddresses };
  const hash = contentHash(content);
  if (hash === contentHash(before)) throw new AppError("validation", "Nothing was changed. Approve the email as it is instead.");
  const [{ last } = { last: 0 }] = await tx
    .select({ last: max(revisions.number) })
    .from(revisions)
    .where(eq(revisions.itemId, item.id));
  const number = (last ?? 0) + 1;
  const [revision] = await tx
    .insert(revisions)
    .values({
      itemId: item.id,
      number,
      baseEmailId: original.id,
      subject: content.subject,
      markdown: content.markdown,
      toAddresses: content.to,
      ccAddresses: content.cc,
      contentHash: hash,
      author: by.label,
    })
    .returning({ id: revisions.id });
  if (!revision) throw new AppError("internal", "Could not store the revision.");
  const reason = `Replaced by an edited version (revision ${number}) by ${by.label} in Countersign.`;
  return { revisionId: revision.id, number, content, before, reason };
}
