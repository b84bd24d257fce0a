// Re-sends an approved revision through the send-scoped key once its original is rejected. The
// idempotency key is the revision id, so a retry after a crash cannot send it twice (§1 Idempotency).
// An original that was a reply in a thread is re-sent as a reply to the same message, so the edit
// stays in the customer's thread (MultiMail threads by the reply endpoint, §2.2).
import { and, desc, eq, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails, inboxReplies, reviewItems, revisions } from "@/lib/db/schema";
import { sameAddresses } from "@/lib/inbox/addresses";
import type { MultiMailClient } from "@/lib/multimail/client";
import { MultiMailError } from "@/lib/multimail/errors";
import { publishChange } from "@/lib/realtime/events";
import { appendAudit } from "@/lib/audit/append-audit";
import { backoffMs } from "./deliver-decision";

export async function resendRevision(db: Db, sendClient: MultiMailClient, revisionId: string): Promise<"sent" | "retrying" | "failed" | "busy"> {
  const now = new Date();
  const [revision] = await db
    .update(revisions)
    .set({ lockedUntil: new Date(now.getTime() + 60_000), attempts: sql`${revisions.attempts} + 1` })
    .where(and(eq(revisions.id, revisionId), eq(revisions.resendState, "sending"), or(isNull(revisions.lockedUntil), lt(revisions.lockedUntil, now))))
    .returning();
  if (!revision) return "busy";
  const [original] = await db.select().from(emails).where(eq(emails.id, revision.baseEmailId));
  if (!original) return "failed";

  try {
    const common = {
      cc: revision.ccAddresses.length ? revision.ccAddresses : undefined,
      markdown: revision.markdown,
      idempotencyKey: `countersign-revision-${revision.id}`,
      metadata: {
        ...(original.metadata ?? {}),
        countersign_revision_id: revision.id,
        countersign_item_id: revision.itemId,
        countersign_supersedes: original.id,
      },
    };
    // A reply keeps MultiMail's recipient and subject, so only an edit that kept both can stay a reply.
    const inReplyTo = await replyTargetOf(db, original);
    const keepsThread = inReplyTo !== null && revision.subject === original.subject && sameAddresses(revision.toAddresses, original.toAddresses);
    const sent = keepsThread
      ? await sendClient.reply(original.mailboxId, inReplyTo, common)
      : await sendClient.send(original.mailboxId, { ...common, to: revision.toAddresses, subject: revision.subject });
    await db.transaction(async (tx) => {
      await tx.update(revisions).set({ resendState: "sent", resentEmailId: sent.id, lockedUntil: null, lastError: null }).where(eq(revisions.id, revision.id));
      await tx
        .insert(emails)
        .values({
          id: sent.id,
          itemId: revision.itemId,
          role: "resent",
          mailboxId: original.mailboxId,
          status: sent.status,
          fromAddress: original.fromAddress,
          toAddresses: revision.toAddresses,
          ccAddresses: revision.ccAddresses,
          subject: revision.subject,
          markdown: revision.markdown,
          threadId: sent.threadId ?? (keepsThread ? original.threadId : null),
          metadata: { ...(original.metadata ?? {}), countersign_revision_id: revision.id },
        })
        .onConflictDoNothing();
      await appendAudit(tx, {
        actor: "system",
        action: "revision.sent",
        itemId: revision.itemId,
        emailId: sent.id,
        details: { revision: revision.number, status: sent.status, replaces: original.id, inReplyTo: keepsThread ? inReplyTo : null },
      });
      await publishChange(tx, { type: "item.updated", itemId: revision.itemId });
    });
    return "sent";
  } catch (error) {
    if (!(error instanceof MultiMailError)) throw error;
    const retryable = error.retryable;
    if (retryable) {
      const delay = Math.max(error.retryAfterMs ?? 0, backoffMs(revision.attempts));
      await db
        .update(revisions)
        .set({ lockedUntil: null, lastError: error.message, nextAttemptAt: new Date(Date.now() + delay) })
        .where(eq(revisions.id, revision.id));
      return "retrying";
    }
    await db.transaction(async (tx) => {
      await tx.update(revisions).set({ resendState: "failed", lockedUntil: null, lastError: error.message }).where(eq(revisions.id, revision.id));
      await tx
        .update(reviewItems)
        .set({ attention: `MultiMail refused the edited version: ${error.message}`, updatedAt: new Date() })
        .where(eq(reviewItems.id, revision.itemId));
      await appendAudit(tx, { actor: "system", action: "revision.failed", itemId: revision.itemId, details: { revision: revision.number, error: error.message } });
      await publishChange(tx, { type: "item.updated", itemId: revision.itemId });
    });
    return "failed";
  }
}

/** The message the original answered: a reviewer's reply we sent, or the thread's latest inbound mail before it. */
async function replyTargetOf(db: Db, original: typeof emails.$inferSelect): Promise<string | null> {
  const [ours] = await db.select({ inReplyTo: inboxReplies.inReplyTo }).from(inboxReplies).where(eq(inboxReplies.emailId, original.id)).limit(1);
  if (ours) return ours.inReplyTo;
  if (!original.threadId) return null;
  const [inbound] = await db
    .select({ id: emails.id })
    .from(emails)
    .where(
      and(
        eq(emails.threadId, original.threadId),
        eq(emails.direction, "inbound"),
        ne(emails.id, original.id),
        original.receivedAt ? lte(emails.receivedAt, original.receivedAt) : undefined,
      ),
    )
    .orderBy(desc(emails.receivedAt))
    .limit(1);
  return inbound?.id ?? null;
}
