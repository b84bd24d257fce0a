// Re-sends an approved revision through the send-scoped key once its original is rejected. The
// idempotency key is the revision id, so a retry after a crash cannot send it twice (§1 Idempotency).
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails, reviewItems, revisions } from "@/lib/db/schema";
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
    .where(
      and(eq(revisions.id, revisionId), eq(revisions.resendState, "sending"), or(isNull(revisions.lockedUntil), lt(revisions.lockedUntil, now))),
    )
    .returning();
  if (!revision) return "busy";
  const [original] = await db.select().from(emails).where(eq(emails.id, revision.baseEmailId));
  if (!original) return "failed";

  try {
    const sent = await sendClient.send(original.mailboxId, {
      to: revision.toAddresses,
      cc: revision.ccAddresses.length ? revision.ccAddresses : undefined,
      subject: revision.subject,
      markdown: revision.markdown,
      idempotencyKey: `countersign-revision-${revision.id}`,
      metadata: {
        ...(original.metadata ?? {}),
        countersign_revision_id: revision.id,
        countersign_item_id: revision.itemId,
        countersign_supersedes: original.id,
      },
    });
    await db.transaction(async (tx) => {
      await tx
        .update(revisions)
        .set({ resendState: "sent", resentEmailId: sent.id, lockedUntil: null, lastError: null })
        .where(eq(revisions.id, revision.id));
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
          threadId: sent.threadId ?? null,
          metadata: { ...(original.metadata ?? {}), countersign_revision_id: revision.id },
        })
        .onConflictDoNothing();
      await appendAudit(tx, {
        actor: "system",
        action: "revision.sent",
        itemId: revision.itemId,
        emailId: sent.id,
        details: { revision: revision.number, status: sent.status, replaces: original.id },
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
