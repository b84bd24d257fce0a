// Edit then approve. MultiMail cannot edit a held email (multimail-api.md §6.5), so the edit is kept
// as a revision, the original is rejected with a reason naming the edit, and the revision is re-sent
// with the send key (resend-revision.ts); the re-sent email is approved when it matches (apply-email.ts).
import { and, eq, max } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { decisions, emails, reviewItems, revisions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { publishChange } from "@/lib/realtime/events";
import { appendAudit } from "@/lib/audit/append-audit";
import { contentHash } from "./content-hash";
import { assertNotClaimedByOther } from "./claim-email";
import { describeDecided } from "./describe";

export interface EditInput {
  itemId: string;
  emailId?: string;
  subject: string;
  markdown: string;
  to: string[];
  cc: string[];
  actor: string;
  actorId?: string;
}

export async function editAndApprove(db: Db, input: EditInput): Promise<{ revisionId: string; decisionId: string; number: number }> {
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(reviewItems).where(eq(reviewItems.id, input.itemId)).for("update");
    if (!item) throw new AppError("not_found", "This email is not in the queue.");
    if (input.emailId && input.emailId !== item.currentEmailId) {
      throw new AppError("conflict", "This email was replaced by a newer version while you were editing it. Reload to see it.");
    }
    if (item.state !== "pending") throw new AppError("conflict", describeDecided(item), { state: item.state });
    if (input.actorId) await assertNotClaimedByOther(tx, item.id, input.actorId);
    const [original] = await tx.select().from(emails).where(eq(emails.id, item.currentEmailId));
    if (!original) throw new AppError("not_found", "The held email has not been synced yet.");

    const content = { subject: input.subject.trim(), markdown: input.markdown.replace(/\r\n/g, "\n"), to: input.to, cc: input.cc };
    const hash = contentHash(content);
    if (hash === contentHash({ subject: original.subject, markdown: original.markdown, to: original.toAddresses, cc: original.ccAddresses })) {
      throw new AppError("validation", "Nothing was changed. Approve the email as it is instead.");
    }
    const [{ last } = { last: 0 }] = await tx.select({ last: max(revisions.number) }).from(revisions).where(eq(revisions.itemId, item.id));
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
        author: input.actor,
      })
      .returning({ id: revisions.id });
    if (!revision) throw new AppError("internal", "Could not store the revision.");

    const reason = `Replaced by an edited version (revision ${number}) by ${input.actor} in Countersign.`;
    const [decision] = await tx
      .insert(decisions)
      .values({ itemId: item.id, emailId: original.id, action: "reject", reason, actor: input.actor })
      .onConflictDoNothing()
      .returning({ id: decisions.id });
    if (!decision) throw new AppError("conflict", "This email already has a decision.");

    const moved = await tx
      .update(reviewItems)
      .set({
        state: "edited",
        decision: "edit",
        decidedBy: input.actor,
        decidedAt: new Date(),
        decisionReason: reason,
        subject: content.subject,
        toAddresses: content.to,
        attention: null,
        authoredBy: input.actorId ?? null,
        version: item.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(reviewItems.id, item.id), eq(reviewItems.state, "pending")))
      .returning({ id: reviewItems.id });
    if (moved.length === 0) throw new AppError("conflict", "Someone else decided this email a moment ago.");

    await appendAudit(tx, {
      actor: input.actor,
      action: "email.edited",
      itemId: item.id,
      emailId: original.id,
      details: {
        revision: number,
        before: { subject: original.subject, markdown: original.markdown, to: original.toAddresses, cc: original.ccAddresses },
        after: content,
      },
    });
    await appendAudit(tx, { actor: input.actor, action: "decision.recorded", itemId: item.id, emailId: original.id, details: { action: "reject", reason } });
    await publishChange(tx, { type: "item.updated", itemId: item.id });
    return { revisionId: revision.id, decisionId: decision.id, number };
  });
}
