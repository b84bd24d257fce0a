// Edit then approve. MultiMail cannot edit a held email (multimail-api.md §6.5), so the edit is kept
// as a revision, the original is rejected with a reason naming the edit, and the revision is re-sent
// with the send key (resend-revision.ts); the re-sent email is approved when it matches (apply-email.ts).
// The lifecycle runs the same gates as Approve: a stale draft or an unconfirmed recipient is refused.
import type { Db } from "@/lib/db/client";
import type { DraftContent, GateAnswers } from "./gates";
import { transition } from "./lifecycle";

export interface EditInput extends DraftContent, GateAnswers {
  itemId: string;
  emailId?: string;
  actor: string;
  actorId?: string;
}

export async function editAndApprove(db: Db, input: EditInput): Promise<{ revisionId: string; decisionId: string; number: number; undoUntil: Date | null }> {
  const { subject, markdown, to, cc } = input;
  return db.transaction(async (tx) => {
    const result = await transition(tx, input.itemId, {
      type: "edit",
      by: { label: input.actor, id: input.actorId },
      emailId: input.emailId,
      revision: { subject, markdown, to, cc },
      answers: { confirmRecipient: input.confirmRecipient, acknowledgeStale: input.acknowledgeStale },
    });
    return { revisionId: result.revision!.id, decisionId: result.decisionId!, number: result.revision!.number, undoUntil: result.undoUntil ?? null };
  });
}
