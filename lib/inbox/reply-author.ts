// Who wrote a reply sent from Countersign: the inbox_replies row MultiMail's email id (or the reply
// id the email's metadata carries) points to. Only our own rows count, so an agent cannot claim
// that a reviewer wrote its email.
import { inArray, or, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails, inboxReplies } from "@/lib/db/schema";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function replyIdOf(metadata: Record<string, unknown> | null | undefined): string | null {
  const id = metadata?.countersign_reply_id;
  return typeof id === "string" && uuid.test(id) ? id : null;
}

/** The author's user id, for a newly held email (apply-email sets `authoredBy` from it). */
export async function replyAuthorOf(db: Db, emailId: string, metadata: Record<string, unknown> | null | undefined): Promise<string | null> {
  const replyId = replyIdOf(metadata);
  const where: SQL | undefined = replyId ? or(eq(inboxReplies.emailId, emailId), eq(inboxReplies.id, replyId)) : eq(inboxReplies.emailId, emailId);
  const [row] = await db.select({ authorId: inboxReplies.authorId, emailId: inboxReplies.emailId }).from(inboxReplies).where(where).limit(1);
  // A reply row already bound to another email does not vouch for this one.
  return row && (row.emailId === null || row.emailId === emailId) ? row.authorId : null;
}

/** Email id → the reviewer who wrote it in Countersign. */
export async function writtenByOf(db: Db, emailIds: readonly string[]): Promise<Map<string, { id: string; name: string }>> {
  const ids = [...new Set(emailIds)];
  if (ids.length === 0) return new Map();
  const metadata = await db.select({ id: emails.id, metadata: emails.metadata }).from(emails).where(inArray(emails.id, ids));
  const byReplyId = new Map(
    metadata.flatMap((m) => {
      const replyId = replyIdOf(m.metadata);
      return replyId ? [[replyId, m.id] as const] : [];
    }),
  );
  const rows = await db
    .select()
    .from(inboxReplies)
    .where(byReplyId.size ? or(inArray(inboxReplies.emailId, ids), inArray(inboxReplies.id, [...byReplyId.keys()])) : inArray(inboxReplies.emailId, ids));
  const result = new Map<string, { id: string; name: string }>();
  for (const r of rows) {
    const emailId = r.emailId ?? byReplyId.get(r.id);
    if (emailId && ids.includes(emailId)) result.set(emailId, { id: r.authorId, name: r.authorName });
  }
  return result;
}
