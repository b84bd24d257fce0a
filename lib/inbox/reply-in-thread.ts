// A reviewer's reply in a thread, sent through the send key (MultiMail sets the threading headers).
// Under gated_send MultiMail holds it like any agent email; the inbox_replies row, written before
// the send, says whose words it is when it comes back for review (four-eyes, "Written by").
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { inboxReplies, reviewItems } from "@/lib/db/schema";
import type { MultiMailClient } from "@/lib/multimail/client";
import { publishChange } from "@/lib/realtime/events";
import { appendAudit } from "@/lib/audit/append-audit";
import { asAppError } from "./upstream";

export interface ReplyAuthor {
  id: string;
  name: string;
  /** How the audit log names them. */
  label: string;
}

export async function replyInThread(
  db: Db,
  client: MultiMailClient,
  input: { mailboxId: string; emailId: string; markdown: string; author: ReplyAuthor },
): Promise<{ replyId: string; emailId: string; status: string; threadId: string | null }> {
  const [row] = await db
    .insert(inboxReplies)
    .values({ mailboxId: input.mailboxId, inReplyTo: input.emailId, authorId: input.author.id, authorName: input.author.name })
    .returning({ id: inboxReplies.id });
  const replyId = row!.id;
  let sent;
  try {
    sent = await client.reply(input.mailboxId, input.emailId, {
      markdown: input.markdown,
      // A retry after a timeout replays instead of sending twice (multimail-api.md §1 "Idempotency").
      idempotencyKey: `countersign-reply-${replyId}`,
      metadata: { countersign_reply_id: replyId, countersign_author_id: input.author.id, countersign_author_name: input.author.name },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.update(inboxReplies).set({ state: "failed", error: message }).where(eq(inboxReplies.id, replyId));
    throw asAppError(error, "MultiMail has no such email to reply to.");
  }
  await db.transaction(async (tx) => {
    await tx.update(inboxReplies).set({ state: "sent", emailId: sent.id, threadId: sent.threadId }).where(eq(inboxReplies.id, replyId));
    // The held email may have reached Countersign before this answer did.
    await tx
      .update(reviewItems)
      .set({ authoredBy: input.author.id })
      .where(and(eq(reviewItems.rootEmailId, sent.id), isNull(reviewItems.authoredBy)));
    await appendAudit(tx, {
      actor: input.author.label,
      action: "reply.sent",
      emailId: sent.id,
      details: { mailboxId: input.mailboxId, inReplyTo: input.emailId, threadId: sent.threadId, status: sent.status },
    });
    await publishChange(tx, { type: "inbox.updated", mailboxId: input.mailboxId, threadId: sent.threadId ?? undefined });
  });
  return { replyId, emailId: sent.id, status: sent.status, threadId: sent.threadId };
}
