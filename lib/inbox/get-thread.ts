// One thread as a reviewer reads it: every message in order (MultiMail's thread, §2.2), with the
// bodies of messages already read, held and rejected drafts in place, and delivery state. Unread
// messages keep their body closed: fetching it is what marks them read (open-message.ts).
import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails } from "@/lib/db/schema";
import type { MultiMailClient } from "@/lib/multimail/client";
import type { EmailSummary, MultiMailEmail } from "@/lib/multimail/schemas";
import { addressOf } from "./addresses";
import { findMailbox } from "./mailbox-info";
import { renderBody, reviewLinksOf, toEmailRow } from "./message-view";
import { writtenByOf } from "./reply-author";
import type { ThreadMessage, ThreadView } from "./schemas";
import { directionOf, storeFullEmail } from "./store-email";
import { upstream } from "./upstream";

type StoredRow = typeof emails.$inferSelect;

function fromCache(row: StoredRow | undefined, summary: EmailSummary): { markdown: string } | null {
  // A cached body is good while nothing it depends on changed; attachments are only listed by GET.
  if (!row || row.markdown === "" || summary.hasAttachments) return null;
  return { markdown: row.markdown };
}

export async function getThreadView(db: Db, client: MultiMailClient, mailboxId: string, threadId: string): Promise<ThreadView> {
  const mailbox = await findMailbox(db, client, mailboxId);
  const thread = await upstream(() => client.getThread(mailboxId, threadId), "MultiMail has no such thread.");
  const ids = thread.emails.map((e) => e.id);
  const [cached, reviews, writers] = await Promise.all([
    ids.length ? db.select().from(emails).where(inArray(emails.id, ids)) : Promise.resolve([]),
    reviewLinksOf(db, ids),
    writtenByOf(db, ids),
  ]);
  const cache = new Map(cached.map((c) => [c.id, c]));

  const messages = await Promise.all(
    thread.emails.map(async (raw): Promise<ThreadMessage> => {
      const summary = { ...raw, threadId: raw.threadId ?? thread.threadId, direction: directionOf(raw, mailbox.address) };
      const base = { ...toEmailRow(summary, reviews.get(summary.id) ?? null), writtenBy: writers.get(summary.id)?.name ?? null };
      if (summary.status === "unread") return { ...base, cc: [], attachments: [], body: null };
      const hit = fromCache(cache.get(summary.id), summary);
      if (hit) return { ...base, cc: cache.get(summary.id)?.ccAddresses ?? [], attachments: [], body: renderBody(hit.markdown, false) };
      // Not unread, so this GET changes nothing on MultiMail's side (§2.2).
      const full: MultiMailEmail = await upstream(() => client.getEmail(mailboxId, summary.id));
      await storeFullEmail(db, mailbox, { ...full, threadId: full.threadId ?? summary.threadId });
      return {
        ...base,
        status: full.status,
        cc: full.cc,
        attachments: full.attachments.map((a) => ({ name: a.name, size: a.size, contentType: a.contentType })),
        body: renderBody(full.markdown ?? "", false),
      };
    }),
  );

  // An edited draft and its re-sent version are one review item: the thread shows the item once,
  // as its current email (the review page keeps the whole chain).
  const inThread = new Set(ids);
  const shown = messages.filter((m) => !(m.review && m.review.currentEmailId !== m.id && inThread.has(m.review.currentEmailId)));

  const own = mailbox.address.toLowerCase();
  const people = [...new Set([...thread.participants, ...thread.emails.flatMap((e) => [e.from ?? "", ...e.to])].map(addressOf).filter((a): a is string => a !== null))];
  const newestInbound = [...shown].reverse().find((m) => m.direction === "inbound" && !m.status.startsWith("spam"));
  return {
    mailbox,
    threadId: thread.threadId ?? threadId,
    subject: shown[0]?.subject ?? "",
    participants: people,
    contacts: people.filter((p) => p !== own),
    lastActivity: thread.lastActivity,
    hasUnansweredInbound: thread.hasUnansweredInbound,
    messages: shown,
    replyTo: newestInbound?.id ?? shown.at(-1)?.id ?? null,
  };
}
