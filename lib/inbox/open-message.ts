// A reviewer opens one message: GET email, which marks an unread email read in MultiMail
// (multimail-api.md §2.2), so the read state Countersign shows is the one MultiMail now holds.
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { emails } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { MultiMailClient } from "@/lib/multimail/client";
import { publishChange } from "@/lib/realtime/events";
import { findMailbox } from "./mailbox-info";
import { renderBody, reviewLinksOf, toEmailRow } from "./message-view";
import { writtenByOf } from "./reply-author";
import type { ThreadMessage } from "./schemas";
import { directionOf, storeFullEmail } from "./store-email";
import { upstream } from "./upstream";

export async function openMessage(db: Db, client: MultiMailClient, mailboxId: string, emailId: string, options: { allowRemote?: boolean } = {}): Promise<ThreadMessage> {
  const mailbox = await findMailbox(db, client, mailboxId);
  const [before] = await db.select({ status: emails.status }).from(emails).where(eq(emails.id, emailId));
  const fetched = await upstream(() => client.getEmail(mailboxId, emailId), "MultiMail has no such email.");
  // The GET itself is the read: an answer that still says `unread` describes the moment before it.
  const full = { ...fetched, status: fetched.status === "unread" ? "read" : fetched.status, direction: directionOf(fetched, mailbox.address) };
  await storeFullEmail(db, mailbox, full);
  const [reviews, writers] = await Promise.all([reviewLinksOf(db, [emailId]), writtenByOf(db, [emailId])]);
  if (before?.status !== full.status) await publishChange(db, { type: "inbox.updated", mailboxId, threadId: full.threadId ?? undefined });
  return {
    ...toEmailRow(full, reviews.get(emailId) ?? null),
    cc: full.cc,
    attachments: full.attachments.map((a) => ({ name: a.name, size: a.size, contentType: a.contentType })),
    body: renderBody(full.markdown ?? "", options.allowRemote ?? false),
    writtenBy: writers.get(emailId)?.name ?? null,
  };
}

/** The presigned URL of an attachment (valid about an hour, no auth needed, §2.2), checked to be http(s). */
export async function attachmentLink(client: MultiMailClient, mailboxId: string, emailId: string, filename: string): Promise<string> {
  const link = await upstream(() => client.getAttachmentUrl(mailboxId, emailId, filename), "MultiMail has no such attachment.");
  let url: URL;
  try {
    url = new URL(link.url);
  } catch {
    throw new AppError("upstream", "MultiMail gave a malformed link for this attachment.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AppError("upstream", `MultiMail gave a ${url.protocol} link for this attachment.`);
  return url.href;
}
