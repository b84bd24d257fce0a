// Keeps the local copy of inbox mail (the `emails` table) for contacts, stale holds and the agents'
// context: summaries from list/thread calls (no body, no read side effect), and bodies once opened.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails } from "@/lib/db/schema";
import type { EmailSummary, MultiMailEmail } from "@/lib/multimail/schemas";
import { addressOf } from "./addresses";

const toDate = (v: string | null) => (v ? new Date(v) : null);

/** A summary without `direction`: sent from the mailbox's own address means outbound. */
export function directionOf(summary: Pick<EmailSummary, "direction" | "from">, mailboxAddress: string | null): "inbound" | "outbound" {
  if (summary.direction === "inbound") return "inbound";
  if (summary.direction === "outbound") return "outbound";
  return mailboxAddress && addressOf(summary.from) === mailboxAddress.toLowerCase() ? "outbound" : "inbound";
}

function summaryColumns(summary: EmailSummary, mailboxAddress: string | null) {
  return {
    direction: directionOf(summary, mailboxAddress),
    status: summary.status,
    fromAddress: summary.from ?? "",
    toAddresses: summary.to,
    subject: summary.subject,
    threadId: summary.threadId,
    receivedAt: toDate(summary.receivedAt),
    deliveredAt: toDate(summary.deliveredAt),
    bouncedAt: toDate(summary.bouncedAt),
    bounceType: summary.bounceType,
    syncedAt: new Date(),
  };
}

/** Stores what a summary says; a body already stored is kept. Returns whether anything a reader sees changed. */
export async function upsertEmailSummary(
  db: Db,
  mailbox: { id: string; address: string | null },
  summary: EmailSummary,
): Promise<{ created: boolean; changed: boolean }> {
  const [before] = await db
    .select({ status: emails.status, deliveredAt: emails.deliveredAt, bouncedAt: emails.bouncedAt, threadId: emails.threadId })
    .from(emails)
    .where(eq(emails.id, summary.id));
  const columns = summaryColumns(summary, mailbox.address);
  // The thread of a stored email never moves; an API answer without one keeps what is known.
  const set = { ...columns, threadId: columns.threadId ?? before?.threadId ?? null };
  await db
    .insert(emails)
    .values({ id: summary.id, mailboxId: mailbox.id, ...set })
    .onConflictDoUpdate({ target: emails.id, set });
  if (!before) return { created: true, changed: true };
  const changed =
    before.status !== columns.status ||
    (before.deliveredAt?.getTime() ?? null) !== (columns.deliveredAt?.getTime() ?? null) ||
    (before.bouncedAt?.getTime() ?? null) !== (columns.bouncedAt?.getTime() ?? null);
  return { created: false, changed };
}

/** Stores a full email (GET): its summary and its body, cc, tags and metadata. */
export async function storeFullEmail(db: Db, mailbox: { id: string; address: string | null }, email: MultiMailEmail): Promise<void> {
  const set = {
    ...summaryColumns(email, mailbox.address),
    ccAddresses: email.cc,
    markdown: email.markdown ?? "",
    tags: email.tags,
    metadata: email.metadata,
    approvedAt: toDate(email.approvedAt),
    approvedBy: email.approvedBy,
  };
  await db
    .insert(emails)
    .values({ id: email.id, mailboxId: mailbox.id, ...set })
    .onConflictDoUpdate({ target: emails.id, set });
}
