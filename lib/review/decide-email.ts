// Records a reviewer's approve/reject: one guarded state transition, its decision (the outbox row)
// and its audit entry in one transaction. Delivery to MultiMail happens after commit (deliver-decision.ts).
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { decisions, reviewItems } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { publishChange } from "@/lib/realtime/events";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertNotClaimedByOther } from "./claim-email";
import { describeDecided } from "./describe";
import { fourEyesEnabled } from "./four-eyes";

export interface DecideInput {
  itemId: string;
  action: "approve" | "reject";
  reason?: string | null;
  actor: string;
  /** The deciding user's id: checked against claims and, under four-eyes, against the author. */
  actorId?: string;
  /** The email the reviewer was looking at; refuses the decision if the item moved on since. */
  emailId?: string;
}

export async function decideEmail(db: Db, input: DecideInput): Promise<{ decisionId: string }> {
  const reason = input.reason?.trim() || null;
  if (input.action === "reject" && !reason) throw new AppError("validation", "A rejection needs a reason.");
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(reviewItems).where(eq(reviewItems.id, input.itemId)).for("update");
    if (!item) throw new AppError("not_found", "This email is not in the queue.");
    if (input.emailId && input.emailId !== item.currentEmailId) {
      throw new AppError("conflict", "This email was replaced by a newer version while you were reviewing it. Reload to see it.");
    }
    if (item.state !== "pending") throw new AppError("conflict", describeDecided(item), { state: item.state });
    if (input.actorId) {
      await assertNotClaimedByOther(tx, item.id, input.actorId);
      if (input.action === "approve" && item.authoredBy === input.actorId && (await fourEyesEnabled(tx))) {
        throw new AppError("forbidden", "You wrote or edited this email. Four-eyes is on, so another reviewer has to approve it.");
      }
    }

    const newState = input.action === "approve" ? "approved" : "rejected";
    const moved = await tx
      .update(reviewItems)
      .set({
        state: newState,
        decision: input.action,
        decidedBy: input.actor,
        decidedAt: new Date(),
        decisionReason: reason,
        attention: null,
        version: item.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(reviewItems.id, item.id), eq(reviewItems.state, "pending")))
      .returning({ id: reviewItems.id });
    if (moved.length === 0) throw new AppError("conflict", "Someone else decided this email a moment ago.");

    const [decision] = await tx
      .insert(decisions)
      .values({ itemId: item.id, emailId: item.currentEmailId, action: input.action, reason, actor: input.actor })
      .onConflictDoNothing()
      .returning({ id: decisions.id });
    if (!decision) throw new AppError("conflict", "This email already has a decision.");

    await appendAudit(tx, {
      actor: input.actor,
      action: "decision.recorded",
      itemId: item.id,
      emailId: item.currentEmailId,
      details: { action: input.action, reason, subject: item.subject, to: item.toAddresses },
    });
    await publishChange(tx, { type: "item.updated", itemId: item.id });
    return { decisionId: decision.id };
  });
}
