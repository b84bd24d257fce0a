// The server side of the recipient gate: an email whose recipient does not match the caller (or
// cannot be checked) is approved only when the reviewer explicitly confirmed it. The check runs on
// the evidence as it is now, so a transcript that arrived after the page loaded still counts.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { evaluateItem, needsRecipientConfirmation } from "./item-evidence";

export async function assertRecipientConfirmed(db: Db, input: { itemId: string; confirmRecipient?: boolean; actor?: string }): Promise<void> {
  const evaluation = await evaluateItem(db, input.itemId);
  if (!evaluation || !needsRecipientConfirmation(evaluation.report)) return;
  const recipients = evaluation.report.findings.filter((f) => f.kind === "recipient" && f.needsConfirmation);
  if (!input.confirmRecipient) {
    const first = recipients[0];
    throw new AppError(
      "validation",
      `Confirm the recipient before approving: ${first ? `${first.text} — ${first.message}` : "it could not be checked against the call"}.`,
      { needsRecipientConfirmation: true },
    );
  }
  // Who overrode the check, and what it said, stays in the audit log.
  await appendAudit(db, {
    actor: input.actor ?? "reviewer",
    action: "recipient.confirmed",
    itemId: evaluation.item.id,
    emailId: evaluation.email.id,
    details: { recipients: recipients.map((f) => ({ address: f.text, status: f.status, message: f.message })) },
  });
}
