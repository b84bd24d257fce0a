// The mailbox list of the inbox: every MultiMail mailbox with its oversight mode, the held emails
// waiting in the queue, and the unread count MultiMail reports (no side effect: list, not GET).
import "server-only";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { mailboxes, reviewItems } from "@/lib/db/schema";
import type { MultiMailClient } from "@/lib/multimail/client";
import { logger } from "@/lib/logger";
import { storeMailbox } from "./mailbox-info";
import type { MailboxInfo, MailboxList } from "./schemas";

const log = logger.child({ scope: "inbox-mailboxes" });
const PAGE = 100;

async function unreadOf(client: MultiMailClient, mailboxId: string): Promise<{ unread: number | null; unreadMore: boolean }> {
  try {
    const page = await client.listEmails(mailboxId, { status: "unread", limit: PAGE });
    return { unread: page.emails.length, unreadMore: page.cursor !== null };
  } catch (error) {
    log.warn({ err: error, mailboxId }, "could not count unread mail");
    return { unread: null, unreadMore: false };
  }
}

export async function listInboxMailboxes(db: Db, client: MultiMailClient | null): Promise<MailboxList> {
  let list: MailboxInfo[] | null = null;
  let error: string | null = null;
  if (client) {
    try {
      const fetched = await client.listMailboxes();
      for (const m of fetched) await storeMailbox(db, m);
      list = fetched.map((m) => ({ id: m.id, address: m.address, displayName: m.displayName, oversightMode: m.oversightMode }));
    } catch (e) {
      error = `MultiMail did not answer (${e instanceof Error ? e.message : String(e)}); showing the mailboxes last synced.`;
    }
  }
  list ??= (await db.select().from(mailboxes)).map((m) => ({ id: m.id, address: m.address, displayName: m.displayName, oversightMode: m.oversightMode }));
  const held = await db.select({ mailboxId: reviewItems.mailboxId, n: count() }).from(reviewItems).where(eq(reviewItems.state, "pending")).groupBy(reviewItems.mailboxId);
  const heldBy = new Map(held.map((h) => [h.mailboxId, h.n]));
  const unread = await Promise.all(list.map((m) => (client && !error ? unreadOf(client, m.id) : Promise.resolve({ unread: null, unreadMore: false }))));
  return {
    mailboxes: list
      .map((m, i) => ({ ...m, held: heldBy.get(m.id) ?? 0, ...unread[i]! }))
      .sort((a, b) => (a.displayName ?? a.address).localeCompare(b.displayName ?? b.address)),
    configured: client !== null,
    error,
  };
}
