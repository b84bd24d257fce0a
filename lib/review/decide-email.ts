// Records a reviewer's approve/reject through the lifecycle: gates, the move, its decision (the outbox
// row) and its audit entries in one transaction. Delivery to MultiMail happens after commit (deliver-decision.ts).
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { GateAnswers } from "./gates";
import { transition } from "./lifecycle";

export interface DecideInput extends GateAnswers {
  itemId: string;
  action: "approve" | "reject";
  reason?: string | null;
  actor: string;
  /** The deciding user's id: checked against claims and, under four-eyes, against the author. */
  actorId?: string;
  /** The email the reviewer was looking at; refuses the decision if the item moved on since. */
  emailId?: string;
}

export async function decideEmail(db: Db, input: DecideInput): Promise<{ decisionId: string; undoUntil: Date | null }> {
  const reason = input.reason?.trim() ?? "";
  if (input.action === "reject" && !reason) throw new AppError("validation", "A rejection needs a reason.");
  const by = { label: input.actor, id: input.actorId };
  const answers = { confirmRecipient: input.confirmRecipient, acknowledgeStale: input.acknowledgeStale };
  return db.transaction(async (tx) => {
    const result =
      input.action === "approve"
        ? await transition(tx, input.itemId, { type: "approve", by, emailId: input.emailId, reason, answers })
        : await transition(tx, input.itemId, { type: "reject", by, emailId: input.emailId, reason });
    return { decisionId: result.decisionId!, undoUntil: result.undoUntil ?? null };
  });
}

/** Takes back the reviewer's own decision while it waits out the grace period; refused once it went to MultiMail. */
export async function undoDecision(db: Db, input: { itemId: string; actor: string; actorId?: string }): Promise<void> {
  await db.transaction((tx) => transition(tx, input.itemId, { type: "undo", by: { label: input.actor, id: input.actorId } }));
}
