// Tells open inbox views that an email of theirs changed (held, decided, delivered, bounced).
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails } from "@/lib/db/schema";
import { publishChange } from "@/lib/realtime/events";

export async function publishInboxChange(db: Db, emailId: string): Promise<void> {
  const [row] = await db.select({ mailboxId: emails.mailboxId, threadId: emails.threadId }).from(emails).where(eq(emails.id, emailId));
  if (row) await publishChange(db, { type: "inbox.updated", mailboxId: row.mailboxId, threadId: row.threadId ?? undefined });
}
