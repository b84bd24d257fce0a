// One page of a mailbox's messages, straight from MultiMail's list (filters and cursor as the API
// has them, §2.2; never bodies, no read side effect), with the review item of held or decided mail.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { MultiMailClient } from "@/lib/multimail/client";
import { findMailbox } from "./mailbox-info";
import { reviewLinksOf, toEmailRow } from "./message-view";
import type { EmailFilters, EmailPage } from "./schemas";
import { directionOf } from "./store-email";
import { upstream } from "./upstream";

export const PAGE_SIZE = 25;

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}

export async function listMailboxEmails(db: Db, client: MultiMailClient, mailboxId: string, filters: EmailFilters): Promise<EmailPage> {
  const mailbox = await findMailbox(db, client, mailboxId);
  const page = await upstream(
    () =>
      client.listEmails(mailboxId, {
        direction: filters.direction,
        status: filters.status,
        sender: filters.sender || undefined,
        subjectContains: filters.subject || undefined,
        // Whole days, UTC: `after` from its first instant, `before` up to the end of that day.
        dateAfter: filters.after ? `${filters.after}T00:00:00.000Z` : undefined,
        dateBefore: filters.before ? nextDay(filters.before) : undefined,
        cursor: filters.cursor || undefined,
        limit: PAGE_SIZE,
      }),
    "MultiMail has no such mailbox.",
  );
  const reviews = await reviewLinksOf(
    db,
    page.emails.map((e) => e.id),
  );
  return {
    mailbox,
    rows: page.emails.map((e) => toEmailRow({ ...e, direction: directionOf(e, mailbox.address) }, reviews.get(e.id) ?? null)),
    nextCursor: page.cursor,
  };
}
