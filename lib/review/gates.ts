// The gates that guard a reviewer's decision, run by the lifecycle inside the decision's transaction:
// the page's email is still the current one, nobody else holds the claim, four-eyes, a stale draft
// acknowledged, a recipient the call does not support confirmed. A gate that passes because the
// reviewer acknowledged or confirmed something returns the audit entry the lifecycle writes on commit.
import type { Db } from "@/lib/db/client";
import type { reviewItems } from "@/lib/db/schema";
import type { AuditEntry } from "@/lib/audit/append-audit";
import { AppError } from "@/lib/errors";
import { sameAddresses } from "@/lib/inbox/addresses";
import { findStaleHolds } from "@/lib/inbox/find-stale-holds";
import type { NewerActivity } from "@/lib/inbox/schemas";
import { checkEmail, evaluateItem, needsRecipientConfirmation } from "@/lib/livekit/item-evidence";
import { assertNotClaimedByOther } from "./claim-email";
import { describeDecided } from "./describe";
import { fourEyesEnabled } from "./four-eyes";

type Item = typeof reviewItems.$inferSelect;

export interface Reviewer {
  /** The name shown in history and sent to MultiMail in the reason. */
  label: string;
  /** The user's id: checked against claims and, under four-eyes, against the author. */
  id?: string;
}

export interface GateAnswers {
  /** The reviewer confirmed a recipient the evidence checks could not match to the caller. */
  confirmRecipient?: boolean;
  /** The reviewer saw the contact's newer message or call that makes this draft stale. */
  acknowledgeStale?: boolean;
}

export interface DraftContent {
  subject: string;
  markdown: string;
  to: string[];
  cc: string[];
}

export interface ReviewerDecision {
  kind: "approve" | "reject" | "edit";
  by: Reviewer;
  /** The email the reviewer was looking at; refused if the item moved on since. */
  emailId?: string;
  answers?: GateAnswers;
  /** For an edit: the draft as the reviewer will send it (the recipient gate checks this one). */
  revision?: DraftContent;
}

export function describeNewer(n: NewerActivity): string {
  return n.kind === "reply" ? `${n.from} wrote in (“${n.subject || "no subject"}”)` : `${n.caller} called again`;
}

/** Runs every gate of a reviewer's decision on the locked item; throws the first refusal. */
export async function checkReviewerGates(tx: Db, item: Item, decision: ReviewerDecision): Promise<AuditEntry[]> {
  if (decision.emailId && decision.emailId !== item.currentEmailId) {
    throw new AppError("conflict", "This email was replaced by a newer version while you were reviewing it. Reload to see it.");
  }
  if (item.state !== "pending") throw new AppError("conflict", describeDecided(item), { state: item.state });
  const { by } = decision;
  if (by.id) {
    await assertNotClaimedByOther(tx, item.id, by.id);
    if (decision.kind === "approve" && item.authoredBy === by.id && (await fourEyesEnabled(tx))) {
      throw new AppError("forbidden", "You wrote or edited this email. Four-eyes is on, so another reviewer has to approve it.");
    }
  }
  if (decision.kind === "reject") return [];
  const answers = decision.answers ?? {};
  const audits: AuditEntry[] = [];
  const stale = await staleGate(tx, item, answers, by);
  if (stale) audits.push(stale);
  const recipient = await recipientGate(tx, item, answers, by, decision.revision);
  if (recipient) audits.push(recipient);
  return audits;
}

async function staleGate(tx: Db, item: Item, answers: GateAnswers, by: Reviewer): Promise<AuditEntry | null> {
  const stale = (await findStaleHolds(tx, [item])).get(item.id);
  if (!stale) return null;
  const first = stale.newer[0]!;
  if (!answers.acknowledgeStale) {
    throw new AppError(
      "validation",
      `This draft is stale: ${describeNewer(first)} after it was written. Read the newer ${first.kind === "reply" ? "message" : "call"}, then acknowledge it to approve.`,
      { needsStaleAcknowledgement: true },
    );
  }
  return {
    actor: by.label,
    action: "stale.acknowledged",
    itemId: item.id,
    emailId: item.currentEmailId,
    details: { draftedAt: stale.draftedAt.toISOString(), newer: stale.newer },
  };
}

/** The evidence as it is now, so a transcript that arrived after the page loaded still counts; an edit is checked as edited. */
async function recipientGate(tx: Db, item: Item, answers: GateAnswers, by: Reviewer, revision?: DraftContent): Promise<AuditEntry | null> {
  const evaluation = await evaluateItem(tx, item.id);
  if (!evaluation) return null;
  const sameRecipients = !revision || sameAddresses([...revision.to, ...revision.cc], [...evaluation.email.toAddresses, ...evaluation.email.ccAddresses]);
  const report =
    !sameRecipients && revision
      ? checkEmail(
          { ...evaluation.email, subject: revision.subject, markdown: revision.markdown, toAddresses: revision.to, ccAddresses: revision.cc },
          evaluation.link,
          evaluation.bundle,
          item.jobId ?? evaluation.link.jobId,
          item.heldAt,
        )
      : evaluation.report;
  if (!needsRecipientConfirmation(report)) return null;
  const recipients = report.findings.filter((f) => f.kind === "recipient" && f.needsConfirmation);
  if (!answers.confirmRecipient) {
    const first = recipients[0];
    throw new AppError(
      "validation",
      `Confirm the recipient before approving: ${first ? `${first.text} — ${first.message}` : "it could not be checked against the call"}.`,
      { needsRecipientConfirmation: true },
    );
  }
  // Who overrode the check, and what it said, stays in the audit log.
  return {
    actor: by.label,
    action: "recipient.confirmed",
    itemId: item.id,
    emailId: evaluation.email.id,
    details: { recipients: recipients.map((f) => ({ address: f.text, status: f.status, message: f.message })) },
  };
}
