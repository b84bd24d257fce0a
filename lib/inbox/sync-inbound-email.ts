// Inbound mail is stored from summaries (a thread or a list page), never by GET: a GET marks an
// unread email read (multimail-api.md §2.2) and nobody has read it yet. Its body is fetched when a
// reviewer opens it (open-message.ts).
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails, mailboxes } from "@/lib/db/schema";
import type { MultiMailClient } from "@/lib/multimail/client";
import { MultiMailError } from "@/lib/multimail/errors";
import type { EmailSummary } from "@/lib/multimail/schemas";
import { publishChange } from "@/lib/realtime/events";
import { findMailbox } from "./mailbox-info";
import { upsertEmailSummary } from "./store-email";

export type InboundSyncOutcome = { kind: "inbound"; emailId: string; mailboxId: string; threadId: string | null; created: boolean } | { kind: "not_found" };

/** How far back a webhook's email is looked for when its thread is not named. */
const LIST_PAGES = 4;

async function findSummary(client: MultiMailClient, mailboxId: string, ref: { emailId: string; threadId: string | null }): Promise<EmailSummary | null> {
  if (ref.threadId) {
    try {
      const thread = await client.getThread(mailboxId, ref.threadId);
      const hit = thread.emails.find((e) => e.id === ref.emailId);
      // Thread items carry no thread_id of their own (§2.2 "Get thread").
      if (hit) return { ...hit, threadId: hit.threadId ?? thread.threadId };
    } catch (error) {
      if (!(error instanceof MultiMailError && error.kind === "not_found")) throw error;
    }
  }
  for await (const summary of client.iterateEmails(mailboxId, { direction: "inbound", limit: 50 }, { maxPages: LIST_PAGES })) {
    if (summary.id === ref.emailId) return summary;
  }
  return null;
}

/** A `message.received` webhook: find the email's summary, store it, tell open views. */
export async function syncInboundEmail(
  db: Db,
  client: MultiMailClient,
  ref: { emailId: string; mailboxId: string | null; threadId: string | null },
): Promise<InboundSyncOutcome> {
  let candidates = ref.mailboxId ? [ref.mailboxId] : [];
  if (candidates.length === 0) {
    // Payloads may omit the mailbox (multimail-api.md §4): try the one we know, else every mailbox.
    const [known] = await db.select({ mailboxId: emails.mailboxId }).from(emails).where(eq(emails.id, ref.emailId));
    candidates = known ? [known.mailboxId] : (await db.select({ id: mailboxes.id }).from(mailboxes)).map((m) => m.id);
  }
  for (const mailboxId of candidates) {
    const summary = await findSummary(client, mailboxId, ref);
    if (!summary) continue;
    const mailbox = await findMailbox(db, client, mailboxId);
    const { created } = await upsertEmailSummary(db, mailbox, summary);
    await publishChange(db, { type: "inbox.updated", mailboxId, threadId: summary.threadId ?? undefined });
    return { kind: "inbound", emailId: summary.id, mailboxId, threadId: summary.threadId, created };
  }
  return { kind: "not_found" };
}

/** The reconciler's catch-up: the newest inbound page of a mailbox, stored when new or changed. */
export async function syncRecentInbound(db: Db, client: MultiMailClient, mailbox: { id: string; address: string }): Promise<number> {
  const page = await client.listEmails(mailbox.id, { direction: "inbound", limit: 25 });
  if (page.emails.length === 0) return 0;
  const known = await db
    .select({ id: emails.id, status: emails.status })
    .from(emails)
    .where(
      inArray(
        emails.id,
        page.emails.map((e) => e.id),
      ),
    );
  const status = new Map(known.map((k) => [k.id, k.status]));
  const threads = new Set<string>();
  let stored = 0;
  for (const summary of page.emails) {
    if (status.get(summary.id) === summary.status) continue;
    await upsertEmailSummary(db, mailbox, summary);
    threads.add(summary.threadId ?? "");
    stored += 1;
  }
  for (const threadId of threads) await publishChange(db, { type: "inbox.updated", mailboxId: mailbox.id, threadId: threadId || undefined });
  return stored;
}
